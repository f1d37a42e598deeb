import type { SchedulerLike, Subscription } from 'rxjs';

/** How a supervisor restarts what it watches, and whom it tells. */
export interface Supervision {
  readonly scheduler: SchedulerLike;
  readonly restartAfterMs: number;
  readonly onError: (error: unknown) => void;
}

export interface Supervisor<T> {
  /** What runs now (undefined between a failure and its restart). */
  current(): T | undefined;
  stop(): Promise<void>;
}

/**
 * The one way bonrelay keeps a long-running part alive when the log cannot take its record (a full
 * disk): the part must not go on believing what the log never heard, so it is stopped and a fresh
 * one starts after `restartAfterMs`, from what the log does know. `start` gets the `fail` callback
 * the part calls instead of throwing.
 */
export function supervise<T extends { stop(): unknown }>(
  start: (fail: (error: unknown) => void) => T,
  options: Supervision,
): Supervisor<T> {
  let current: T | undefined;
  let failed: T | undefined;
  let restart: Subscription | undefined;
  let stopped = false;
  const launch = () => {
    restart = undefined;
    let instance: T | undefined;
    const fail = (error: unknown) => {
      options.onError(error);
      if (stopped || restart !== undefined || (instance !== undefined && instance !== current)) return;
      current = undefined;
      failed = instance;
      // Failing from inside its own callback: let it unwind before it is stopped.
      restart = options.scheduler.schedule(() => {
        failed = undefined;
        void instance?.stop();
        if (!stopped) restart = options.scheduler.schedule(launch, options.restartAfterMs);
        else restart = undefined;
      });
    };
    instance = start(fail);
    if (restart === undefined) current = instance;
  };
  launch();
  return {
    current: () => current,
    stop: async () => {
      stopped = true;
      restart?.unsubscribe();
      await Promise.all([current?.stop(), failed?.stop()]);
    },
  };
}
