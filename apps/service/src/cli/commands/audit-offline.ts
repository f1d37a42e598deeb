import type { OfflineComponent, OfflineDayMetrics, OfflinePeriod } from '@bonrelay/domain';
import { translatorFor } from '@bonrelay/locale';
import { offlineAuditAtLogEnd, sqliteViewConnection } from '@bonrelay/views';
import { textOption, timeOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';
import { formatDuration, formatTable } from '../format.ts';
import { auditOfflineOnHub } from './audit-offline-hub.ts';

/**
 * `audit offline --from --to [--component] [--site]`: the offline periods of a time range and the per-day
 * figures, from the offline periods table (read-only, fine beside the running service or on a
 * copy). When the table has not read the whole log (the service stopped before writing it, or a
 * copy without tables), only the tail it lacks is folded, in memory, over the rows it touches.
 * Headings speak the restaurant's `locale`; the cells stay as recorded (ISO times, component names)
 * so the table can still be compared with the log and the API. With `--site`, the same audit of
 * one restaurant from its views on the hub.
 */
export function auditOfflineCommand(context: CliContext): number | Promise<number> {
  const from = timeOption(context.args, 'from');
  const to = timeOption(context.args, 'to');
  const component = textOption(context.args, 'component') as OfflineComponent | undefined;
  const site = textOption(context.args, 'site');
  if (site !== undefined) return auditOfflineOnHub(context, site, { from, to, component });
  const store = openLogForCli(context, 'read-only');
  try {
    // A period overlapping the window is reported whole, as the API does, so an outage reads the
    // same whichever window finds it.
    const audit = offlineAuditAtLogEnd(store, sqliteViewConnection(store.connection));
    const query = { from, to, component, now: new Date().toISOString() };
    const { periods } = audit.offlinePeriods(query);
    if (context.args.options.json) {
      context.out(`${JSON.stringify({ offlinePeriods: periods }, null, 2)}\n`);
      return 0;
    }
    printOfflineAudit(
      context,
      { from, to },
      periods,
      audit.offlineDays({ ...query, timeZone: context.config.businessDay.timeZone }),
    );
    return 0;
  } finally {
    store.close();
  }
}

/**
 * The audit's two tables, worded in the restaurant's `locale`, for a site's own log and for one
 * site's views on the hub alike, so both read the same.
 */
export function printOfflineAudit(
  context: CliContext,
  window: { readonly from: string | undefined; readonly to: string | undefined },
  periods: readonly OfflinePeriod[],
  metrics: readonly OfflineDayMetrics[],
): void {
  const { say } = translatorFor(context.config.locale);
  const { from, to } = window;
  context.out(
    `${say('audit.periodsTitle', { from: from ?? say('audit.fromStart'), to: to ?? say('audit.untilNow') })}\n\n`,
  );
  context.out(
    formatTable(
      [
        say('audit.column.component'),
        say('audit.column.start'),
        say('audit.column.end'),
        say('audit.column.duration'),
        say('audit.column.cause'),
        say('audit.column.orders'),
        say('audit.column.jobsBuffered'),
        say('audit.column.backlogPrintedAfter'),
        say('audit.column.fallback'),
      ],
      periods.map((period) => [
        period.component,
        period.start,
        period.end ?? say('audit.stillOffline'),
        formatDuration(period.durationMs),
        period.cause,
        String(period.ordersReceived.length),
        String(period.jobsBuffered),
        period.backlogPrintedAfterMs === undefined ? '-' : formatDuration(period.backlogPrintedAfterMs),
        period.fallback === undefined
          ? '-'
          : say('audit.fallbackMoved', {
              printer: period.fallback.printer,
              count: period.fallback.ticketsMoved,
            }),
      ]),
    ),
  );
  context.out(`\n${say('audit.perDayTitle')}\n\n`);
  context.out(
    formatTable(
      [
        say('audit.column.day'),
        say('audit.column.component'),
        say('audit.column.offline'),
        say('audit.column.outages'),
        say('audit.column.meanTimeToRecovery'),
      ],
      metrics.map((day) => [
        day.day,
        day.component,
        formatDuration(day.offlineMs),
        String(day.outages),
        day.meanTimeToRecoveryMs === null ? '-' : formatDuration(day.meanTimeToRecoveryMs),
      ]),
    ),
  );
}
