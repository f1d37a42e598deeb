import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * Waits on the injected scheduler, and lets `stop` end every pending wait at once: a loop that
 * backs off for a minute must not hold a stopping service for that minute.
 */
export function stoppableWait(scheduler: SchedulerLike) {
  const pending = new Set<{ timer: Subscription; resolve: () => void }>();
  let stopped = false;
  return {
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        const entry = {
          resolve,
          timer: scheduler.schedule(() => {
            pending.delete(entry);
            resolve();
          }, ms),
        };
        pending.add(entry);
      }),
    stop: () => {
      stopped = true;
      for (const entry of pending) {
        entry.timer.unsubscribe();
        entry.resolve();
      }
      pending.clear();
    },
    get stopped() {
      return stopped;
    },
  };
}

/** The pause before the next try after `failures` failures in a row: exponential, capped. */
export function backoffMs(
  failures: number,
  retry: { baseMs: number; factor: number; capMs: number },
): number {
  return Math.min(retry.capMs, retry.baseMs * retry.factor ** Math.max(0, failures - 1));
}
