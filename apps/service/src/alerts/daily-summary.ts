import {
  type BusinessDayConfig,
  businessDayOf,
  businessDayStartsAt,
  type EventDataByType,
} from '@bonrelay/domain';
import type { OpenAlert } from './alert-types.ts';

/** The figures a daily summary carries. */
export type DailySummary = NonNullable<EventDataByType['AlertRaised']['summary']>;

/** The business day before `day`: walking calendar dates needs no time zone. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The instants a business day runs between: `[from, to)`. */
export function businessDayWindow(day: string, config: BusinessDayConfig): { from: string; to: string } {
  const following = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: businessDayStartsAt(day, config), to: businessDayStartsAt(following, config) };
}

/**
 * The business day whose summary is due now, or undefined: the day that ended last, once. A box
 * that was off at the day's end sends it when it is back; a log begun after that day ended has
 * nothing to say about it (a fresh install does not report "0 orders" for the day before).
 */
export function summaryDue(
  lastSummarised: string | undefined,
  now: Date,
  config: BusinessDayConfig,
  logBegan: string | undefined,
): string | undefined {
  if (logBegan === undefined) return undefined;
  const today = businessDayOf(now.toISOString(), config);
  const ended = dayBefore(today);
  if (lastSummarised !== undefined && lastSummarised >= ended) return undefined;
  if (Date.parse(logBegan) >= Date.parse(businessDayStartsAt(today, config))) return undefined;
  return ended;
}

/**
 * The summary as an alert, so it travels every channel the alerts do, with the same retries and
 * the same record of what got through. Its id is the day's: a day is summarised once.
 */
export function dailySummaryAlert(summary: DailySummary, now: Date): OpenAlert {
  const offline =
    summary.outages === 0
      ? 'no outage'
      : `${summary.outages} outage(s), ${summary.minutesOffline} min offline`;
  return {
    alertId: `daily-summary:${summary.businessDay}`,
    kind: 'daily-summary',
    subject: summary.businessDay,
    message: `Business day ${summary.businessDay}: ${summary.orders} order(s), ${offline}, ${summary.ticketsReprinted} ticket(s) reprinted`,
    raisedAt: now.toISOString(),
    summary,
  };
}
