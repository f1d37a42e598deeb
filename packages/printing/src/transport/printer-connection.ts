import { connect, type Socket } from 'node:net';
import type { PrinterAddress } from './printer-url.ts';

/** Why a TCP connection to a printer could not be opened. */
export type ConnectFailure = 'refused' | 'unreachable' | 'timeout';

/** How a wait on the printer's replies ended. */
export type WaitResult = 'met' | 'timeout' | 'ended' | 'reset';

/**
 * A raw two-way socket to a printer. Raw, not node-thermal-printer's network interface: its
 * `execute()` opens a fresh connection per call, resolves once bytes are written and drops
 * whatever the printer answers, so status replies, the `GS r` completion byte and "the printer
 * closed cleanly" (all on the same connection) are invisible through it.
 */
export class PrinterConnection {
  /** Everything the printer sent, in order; callers keep their own read position. */
  inbox = Buffer.alloc(0);
  private state: 'open' | 'ended' | 'reset' = 'open';
  private errorText = '';
  private wake: (() => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.inbox = Buffer.concat([this.inbox, chunk]);
      this.wake?.();
    });
    socket.on('end', () => this.settle('ended'));
    socket.on('close', () => this.settle('ended'));
    socket.on('error', (error) => {
      this.errorText = error.message;
      this.settle('reset');
    });
  }

  /** The socket error, if the connection failed (for the failure's detail). */
  get error(): string {
    return this.errorText;
  }

  write(bytes: Buffer): void {
    if (this.state === 'open') this.socket.write(bytes);
  }

  /** Half-closes our side: "that was the whole job". */
  finish(): void {
    if (this.state === 'open') this.socket.end();
  }

  /** Drops the connection; safe to call at any time, any number of times. */
  close(): void {
    this.socket.destroy();
  }

  /** Waits until `condition` holds (checked on every arrival), the connection ends, or time runs out. */
  until(condition: () => boolean, timeoutMs: number): Promise<WaitResult> {
    if (condition()) return Promise.resolve('met');
    if (this.state !== 'open') return Promise.resolve(this.state);
    return new Promise((resolve) => {
      const done = (result: WaitResult) => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(result);
      };
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      this.wake = () => {
        if (condition()) done('met');
        else if (this.state !== 'open') done(this.state);
      };
    });
  }

  private settle(state: 'ended' | 'reset'): void {
    if (this.state === 'open' || state === 'reset') this.state = state;
    this.wake?.();
  }
}

const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/** Opens a connection, turning every way it can fail into a typed answer (never a throw). */
export function connectToPrinter(
  address: PrinterAddress,
  connectTimeoutMs: number,
): Promise<
  { ok: true; connection: PrinterConnection } | { ok: false; failure: ConnectFailure; detail: string }
> {
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
      resolve({ ok: true, connection: new PrinterConnection(socket) });
    });
  });
}
