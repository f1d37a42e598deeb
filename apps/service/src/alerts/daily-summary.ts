import {
  type BusinessDayConfig,
  businessDayOf,
  businessDayStartsAt,
  type EventDataByType,
} from '@bonrelay/domain';
import { translatorFor } from '@bonrelay/locale';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { OpenAlert } from './alert-types.ts';

/** The figures a daily summary carries. */
export type DailySummary = NonNullable<EventDataByType['AlertRaised']['summary']>;

/** The business day before `day`: walking calendar dates needs no time zone. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The instants a business day runs between: `[from, to)`. */
function businessDayWindow(day: string, config: BusinessDayConfig): { from: string; to: string } {
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
 * A business day as a person names it in `locale`: a calendar date, not an instant, so noon UTC
 * names it whatever the restaurant's zone.
 */
export function businessDayName(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * The summary as an alert, so it travels every channel the alerts do, with the same retries and
 * the same record of what got through. Its id is the day's: a day is summarised once. Its message
 * is in the alerts' `locale`, as the other alerts' are.
 */
export function dailySummaryAlert(summary: DailySummary, now: Date, locale: string): OpenAlert {
  const message = translatorFor(locale).say('alert.dailySummary', {
    day: businessDayName(summary.businessDay, locale),
    orders: summary.orders,
    outages: summary.outages,
    minutes: summary.minutesOffline,
    reprinted: summary.ticketsReprinted,
  });
  return {
    alertId: `daily-summary:${summary.businessDay}`,
    kind: 'daily-summary',
    subject: summary.businessDay,
    message,
    raisedAt: now.toISOString(),
    summary,
  };
}

/**
 * The day's figures from the views that already keep them: orders from the business days table,
 * outages and the minutes they cost from the offline periods (split at the day's edges), reprints
 * from the jobs table.
 */
export function dailyFigures(
  views: Pick<BonrelayViews, 'connectivity' | 'days'>,
  day: string,
  config: BusinessDayConfig,
  now: Date,
): DailySummary {
  const { from, to } = businessDayWindow(day, config);
  const offline = views.connectivity
    .offlineDays({
      from,
      to,
      now: now.toISOString(),
      timeZone: config.timeZone,
      dayStartsAt: config.dayStartsAt,
    })
    .filter((figures) => figures.day === day)
    .map((figures) => ({
      component: figures.component,
      outages: figures.outages,
      minutes: Math.round(figures.offlineMs / 60_000),
    }));
  return {
    businessDay: day,
    orders: views.days.ordersOn(day),
    outages: offline.reduce((sum, figures) => sum + figures.outages, 0),
    minutesOffline: offline.reduce((sum, figures) => sum + figures.minutes, 0),
    ticketsReprinted: views.days.reprintedBetween(from, to),
    offline,
  };
}
