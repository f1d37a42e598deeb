import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type EventStore, openEventStore } from '@bonrelay/event-store';

const main = new URL('../../src/main.ts', import.meta.url).pathname;

/** The real service as its own process, so it can be SIGKILLed like a power cut. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<string>;
}

/**
 * Starts `src/main.ts` with `env` and resolves once it logs "bonrelay is listening". The log is read
 * and then dropped, so a long run does not pile it up in memory; only its tail is kept for errors.
 */
export function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(String(signal ?? code))),
  );
  let tail = '';
  const keepTail = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stderr?.on('data', keepTail);
  return new Promise((resolve, reject) => {
    let listening = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      keepTail(chunk);
      if (listening) return;
      const match = tail.match(/"url":"(http:\/\/[^"]+)"[^\n]*bonrelay is listening/);
      if (match?.[1] && child.pid) {
        listening = true;
        resolve({ child, pid: child.pid, url: match[1], exited });
      }
    });
    void exited.then((how) => {
      if (!listening) reject(new Error(`service exited early (${how}): ${tail.slice(-1500)}`));
    });
  });
}

/** Pulls the plug: SIGKILL, then waits until the kernel has reaped the process. */
export async function pullThePlug(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

/** Stops the service the friendly way (SIGTERM), so its last job in flight is recorded. */
export async function stopGracefully(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  await service.exited;
}

/** A free loopback port, so every restart listens where the clients already send. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads the service's log read-only beside the running writer (WAL lets both work at once). */
export function readLog<T>(dataDir: string, read: (store: EventStore) => T): T {
  const store = openEventStore({ file: join(dataDir, 'bonrelay.db'), readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}
