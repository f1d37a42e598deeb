import type { EventToAppend } from '@bonrelay/domain';
import { eventToAppend } from '@bonrelay/domain';

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
