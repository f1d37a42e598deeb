import type { AnyDomainEvent } from '../events.ts';
import { type BusinessDayConfig, businessDayOf } from './business-day.ts';

/** The last ticket number handed out on one business day. */
export interface BusinessDayCounter {
  readonly businessDay: string;
  readonly lastTicketNumber: number;
}

/** The business day whose counter an event moves: only a receipt takes a number. */
export function receiptDayOf(event: AnyDomainEvent, config: BusinessDayConfig): string | undefined {
  return event.type === 'OrderReceived' ? businessDayOf(event.recordedAt, config) : undefined;
}

/**
 * The counter after a receipt: the next number of the receipt's business day, so the kitchen's
 * `#n` restarts each day at the configured hour and a replay hands out the same numbers again.
 * `counter` is the receipt day's counter (another day's counts as none yet).
 */
export function evolveBusinessDay(
  counter: BusinessDayCounter | undefined,
  event: AnyDomainEvent,
  config: BusinessDayConfig,
): BusinessDayCounter | undefined {
  const businessDay = receiptDayOf(event, config);
  if (businessDay === undefined) return counter;
  const last = counter?.businessDay === businessDay ? counter.lastTicketNumber : 0;
  return { businessDay, lastTicketNumber: last + 1 };
}
