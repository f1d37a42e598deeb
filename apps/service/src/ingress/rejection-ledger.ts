import type { EventToAppend } from '@bonrelay/domain';
import { eventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * Keeps the audit trail of rejected webhooks without letting a flood fill the disk: rejections are
 * counted per reason per window and written as one `WebhookRejected` event per reason when the
 * window closes (or at shutdown).
 */
export interface RejectionLedger {
  record(reason: string, at: Date): void;
  /** Events for every window that ended before `now` (all windows when `now` is omitted). */
  drain(now?: Date): EventToAppend[];
}

/** Creates a ledger whose windows are `windowMs` long, aligned to the epoch. */
export function createRejectionLedger(windowMs: number): RejectionLedger {
  const counts = new Map<string, { reason: string; windowStart: number; count: number }>();
  return {
    record(reason, at) {
      const windowStart = Math.floor(at.getTime() / windowMs) * windowMs;
      const key = `${reason}@${windowStart}`;
      const entry = counts.get(key) ?? { reason, windowStart, count: 0 };
      counts.set(key, { ...entry, count: entry.count + 1 });
    },
    drain(now) {
      const ready = [...counts.entries()].filter(
        ([, entry]) => now === undefined || entry.windowStart + windowMs <= now.getTime(),
      );
      return ready.map(([key, entry]) => {
        counts.delete(key);
        const minute = new Date(entry.windowStart).toISOString();
        return eventToAppend(
          'WebhookRejected',
          'webhook-rejections',
          `webhook-rejected:${entry.reason}:${minute}`,
          {
            reason: entry.reason,
            minute,
            count: entry.count,
          },
        );
      });
    },
  };
}

/**
 * Writes each closed window's rejections to the log as the window ends, so the audit trail keeps
 * up during a flood; a log that cannot take them (a full disk) is reported and tried again next time.
 */
export function recordRejectionsEvery(
  ledger: RejectionLedger,
  options: {
    readonly store: Pick<EventStore, 'append'>;
    readonly clock: () => Date;
    readonly scheduler: SchedulerLike;
    readonly windowMs: number;
    readonly onError: (error: unknown) => void;
  },
): Subscription {
  return options.scheduler.schedule(function flushRejections() {
    try {
      const events = ledger.drain(options.clock());
      if (events.length > 0) options.store.append(events);
    } catch (error) {
      options.onError(error);
    }
    this.schedule(undefined, options.windowMs);
  }, options.windowMs);
}
