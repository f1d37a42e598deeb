import { connect, type Socket } from 'node:net';
import { type ConnectFailure, type Opened, PrinterConnection } from './printer-connection.ts';
import type { TcpPrinterAddress } from './printer-url.ts';

/**
 * A raw two-way socket to a network printer. Raw, not node-thermal-printer's network interface:
 * its `execute()` opens a fresh connection per call, resolves once bytes are written and drops
 * whatever the printer answers, so status replies, the `GS r` completion byte and "the printer
 * closed cleanly" (all on the same connection) are invisible through it.
 */
export class TcpPrinterConnection extends PrinterConnection {
  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => this.arrive(chunk));
    socket.on('end', () => this.settle('ended'));
    socket.on('close', () => this.settle('ended'));
    socket.on('error', (error) => {
      this.errorText = error.message;
      this.settle('reset');
    });
  }

  write(bytes: Buffer): void {
    if (this.state === 'open') this.socket.write(bytes);
  }

  finish(): void {
    if (this.state === 'open') this.socket.end();
  }

  close(): void {
    this.socket.destroy();
  }
}

const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/** Opens a TCP connection to a network printer within the connect timeout. */
export function connectTcp(address: TcpPrinterAddress, connectTimeoutMs: number): Promise<Opened> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port });
    // A late error after a timeout must never become an uncaught exception.
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, failure: 'timeout', detail: `no TCP connection within ${connectTimeoutMs} ms` });
    }, connectTimeoutMs);
    const onError = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const failure: ConnectFailure =
        error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable';
      resolve({
        ok: false,
        failure: unreachableCodes.has(error.code ?? '') ? 'unreachable' : failure,
        detail: error.message,
      });
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve({ ok: true, connection: new TcpPrinterConnection(socket) });
    });
  });
}
