import type { EventToAppend } from '@bonrelay/domain';
import { type Supervision, supervise } from '../supervise.ts';

export interface Monitor {
  checkNow(): void;
  stop(): void;
}

/**
 * Keeps a monitor honest when the log cannot take its record: a monitor that went on believing a
 * status the log never heard of would never record it, so it restarts and sees the change again.
 */
export function superviseMonitor(
  start: (append: (events: EventToAppend[]) => void) => Monitor,
  options: Supervision & { readonly append: (events: EventToAppend[]) => void },
): Monitor {
  const supervisor = supervise(
    (fail) =>
      start((events) => {
        try {
          options.append(events);
        } catch (error) {
          fail(error);
        }
      }),
    options,
  );
  return {
    checkNow: () => supervisor.current()?.checkNow(),
    stop: () => void supervisor.stop(),
  };
}
