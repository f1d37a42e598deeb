import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { type ControlApi, startControlApi } from './control-api.ts';
import type { FaultMode } from './fault-mode.ts';
import { renderPlainText } from './plain-text.ts';
import { type FinishedJob, PrintSession } from './print-session.ts';

/** One job as the emulated printer received it. `complete`: received in full and printed. */
export interface EmulatedJob {
  readonly id: number;
  readonly bytes: Buffer;
  readonly text: string;
  readonly receivedAt: Date;
  readonly complete: boolean;
}

/** How to start an emulated printer; every field has a default that suits a test. */
export interface PrinterEmulatorOptions {
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  mode?: FaultMode;
  /** Whether the printer supports Automatic Status Back (`GS a n`); default true. */
  asb?: boolean;
  /** Reading pace in `slow` mode (default 4000 bytes/s, a busy thermal printer). */
  slowBytesPerSecond?: number;
  /** Port of the HTTP control API on 127.0.0.1; 0 (default) picks one, false turns it off. */
  controlPort?: number | false;
  /** When set, each finished job is also written there as `job-<id>.txt`. */
  jobsDir?: string;
}

/** A running emulated printer. */
export interface PrinterEmulator {
  readonly host: string;
  readonly port: number;
  /** `tcp://host:port`, what bonrelay's printer config takes. */
  readonly url: string;
  readonly controlUrl: string | undefined;
  readonly mode: FaultMode;
  /** Switches the fault mode; resolves once the printer behaves that way. */
  setMode(mode: FaultMode): Promise<void>;
  readonly jobs: readonly EmulatedJob[];
  /** Calls `listener` for every finished job; returns the unsubscribe function. */
  onJob(listener: (job: EmulatedJob) => void): () => void;
  /** Resolves with the jobs once at least `count` finished; rejects after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs?: number): Promise<EmulatedJob[]>;
  close(): Promise<void>;
}

/**
 * Starts an ESC/POS network printer on loopback that answers status like a real Epson-style
 * printer and can be switched into the faults a kitchen meets (paper out, cover open, switched
 * off, hung, slow, mute), so the print path can be tested and demonstrated without hardware.
 */
export async function startPrinterEmulator(options: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const host = options.host ?? '127.0.0.1';
  let mode: FaultMode = options.mode ?? 'online';
  const jobs: EmulatedJob[] = [];
  const listeners = new Set<(job: EmulatedJob) => void>();
  const sockets = new Set<Socket>();
  const waiting: Socket[] = [];
  let active: PrintSession | undefined;
  let server: Server | undefined;
  let port = options.port ?? 0;
  if (options.jobsDir) mkdirSync(options.jobsDir, { recursive: true });

  const sessionHost = {
    mode: () => mode,
    supportsAsb: options.asb ?? true,
    slowBytesPerSecond: options.slowBytesPerSecond ?? 4000,
    jobFinished: (finished: FinishedJob) => record(finished),
    sessionClosed: () => {
      active = undefined;
      serveNext();
    },
  };

  function record(finished: FinishedJob): void {
    const job: EmulatedJob = { id: jobs.length + 1, text: renderPlainText(finished.bytes), ...finished };
    jobs.push(job);
    if (options.jobsDir) writeFileSync(join(options.jobsDir, `job-${job.id}.txt`), job.text);
    for (const listener of listeners) listener(job);
  }

  // A printer's network interface prints for one client at a time; the others wait their turn. A
  // hung printer serves no one, but those who connected meanwhile are served once it recovers.
  function serveNext(): void {
    while (!active && waiting.length > 0 && mode !== 'blackhole') {
      const socket = waiting.shift() as Socket;
      if (!socket.destroyed) active = new PrintSession(socket, sessionHost);
    }
  }

  function accept(socket: Socket): void {
    socket.on('error', () => {});
    // A printer answers each status byte at once: with Nagle on, a long-lived connection (a USB
    // device behind socat) would hold every second reply back until the peer's delayed ACK, 40 ms.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      const index = waiting.indexOf(socket);
      if (index >= 0) waiting.splice(index, 1);
    });
    waiting.push(socket);
    serveNext();
  }

  function listen(): Promise<void> {
    const next = createServer({ pauseOnConnect: true, allowHalfOpen: true }, accept);
    server = next;
    return new Promise((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, host, () => {
        port = (next.address() as { port: number }).port;
        resolve();
      });
    });
  }

  function stopListening(): Promise<void> {
    const current = server;
    server = undefined;
    active?.abort();
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => (current ? current.close(() => resolve()) : resolve()));
  }

  await listen();
  if (mode === 'offline') await stopListening();
  const control: ControlApi | undefined =
    options.controlPort === false
      ? undefined
      : await startControlApi(options.controlPort ?? 0, {
          mode: () => mode,
          setMode: (next) => emulator.setMode(next),
          jobs: () => jobs,
        });

  const emulator: PrinterEmulator = {
    host,
    get port() {
      return port;
    },
    get url() {
      return `tcp://${host}:${port}`;
    },
    controlUrl: control?.url,
    get mode() {
      return mode;
    },
    async setMode(next) {
      const previous = mode;
      mode = next;
      if (next === 'offline' && previous !== 'offline') await stopListening();
      if (previous === 'offline' && next !== 'offline') await listen();
      active?.modeChanged();
      serveNext();
    },
    jobs,
    onJob(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForJobs(count, timeoutMs = 2000) {
      if (jobs.length >= count) return Promise.resolve([...jobs]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`printer emulator: ${jobs.length} of ${count} jobs after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (jobs.length < count) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve([...jobs]);
        };
        listeners.add(check);
      });
    },
    async close() {
      await stopListening();
      await control?.close();
    },
  };
  return emulator;
}
