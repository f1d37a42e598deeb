import { type ChildProcess, fork } from 'node:child_process';

/** What a bench server child says over IPC: `ready` once listening, then answers to `ask`. */
export interface ChildMessage {
  readonly kind: string;
  readonly [key: string]: unknown;
}

export interface BenchChild {
  readonly process: ChildProcess;
  /** The child's `ready` message (its URL and whatever else it announces). */
  readonly ready: ChildMessage;
  /** Sends a request and resolves with the child's first answer of the same kind. */
  ask<T extends ChildMessage>(kind: string, payload?: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop cleanly and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Runs a server in its own process, so the load generator and the server under test do not share
 * an event loop (on two cores, that would measure autocannon as much as the server).
 */
export async function startChild(script: string, env: Record<string, string>): Promise<BenchChild> {
  const child = fork(script, [], {
    // BENCH_CPU_PROF=<dir> profiles the server under test, to name the function a slow bench spends in.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends ChildMessage>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.kind !== kind) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`bench child ${script} exited before answering "${kind}"`)));
    });
  const ready = await next('ready');
  return {
    ready,
    process: child,
    ask: (kind, payload = {}) => {
      const answer = next(kind);
      child.send({ kind, ...payload });
      return answer as never;
    },
    stop: async () => {
      if (child.exitCode === null) child.send({ kind: 'stop' });
      await exited;
    },
  };
}

/** Child side: answers the parent's requests by kind; `stop` runs `onStop` and exits. */
export function answerParent(
  handlers: Record<
    string,
    (message: ChildMessage) => Promise<Record<string, unknown>> | Record<string, unknown>
  >,
  onStop: () => Promise<void>,
  ready: Record<string, unknown> = {},
): void {
  process.on('message', async (message: ChildMessage) => {
    if (message.kind === 'stop') {
      await onStop();
      process.disconnect();
      return;
    }
    const handler = handlers[message.kind];
    if (handler) process.send?.({ kind: message.kind, ...(await handler(message)) });
  });
  process.send?.({ kind: 'ready', ...ready });
}
