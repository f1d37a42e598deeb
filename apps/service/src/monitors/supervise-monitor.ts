import type { EventToAppend } from '@bonrelay/domain';
import type { SchedulerLike, Subscription } from 'rxjs';

export interface Monitor {
  checkNow(): void;
  stop(): void;
}

/**
 * Keeps a monitor honest when the log cannot take its record (a full disk): the monitor would go on
 * believing a status the log never heard of, so it is stopped and started afresh after
 * `restartAfterMs` from what the log does know — and the change is seen, and recorded, again.
 */
export function superviseMonitor(
  start: (append: (events: EventToAppend[]) => void) => Monitor,
  options: {
    scheduler: SchedulerLike;
    restartAfterMs: number;
    append: (events: EventToAppend[]) => void;
    onError: (error: unknown) => void;
  },
): Monitor {
  let current: Monitor | undefined;
  let restart: Subscription | undefined;
  let stopped = false;
  const launch = () => {
    restart = undefined;
    current = start((events) => {
      try {
        options.append(events);
      } catch (error) {
        options.onError(error);
        const failed = current;
        current = undefined;
        // Stopping from inside the monitor's own callback: let it unwind first.
        restart ??= options.scheduler.schedule(() => {
          failed?.stop();
          restart = undefined;
          if (!stopped) restart = options.scheduler.schedule(launch, options.restartAfterMs);
        });
      }
    });
  };
  launch();
  return {
    checkNow: () => current?.checkNow(),
    stop: () => {
      stopped = true;
      restart?.unsubscribe();
      current?.stop();
    },
  };
}
