import type { OfflineComponent } from '@bonrelay/domain';
import { translatorFor } from '@bonrelay/locale';
import { offlineAuditAtLogEnd, sqliteViewConnection } from '@bonrelay/views';
import { textOption, timeOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';
import { formatDuration, formatTable } from '../format.ts';

/**
 * `audit offline --from --to [--component]`: the offline periods of a time range and the per-day
 * figures, from the offline periods table (read-only, fine beside the running service or on a
 * copy). When the table has not read the whole log (the service stopped before writing it, or a
 * copy without tables), only the tail it lacks is folded, in memory, over the rows it touches.
 * Headings speak the restaurant's `locale`; the cells stay as recorded (ISO times, component names)
 * so the table can still be compared with the log and the API.
 */
export function auditOfflineCommand(context: CliContext): number {
  const from = timeOption(context.args, 'from');
  const to = timeOption(context.args, 'to');
  const component = textOption(context.args, 'component') as OfflineComponent | undefined;
  const { say } = translatorFor(context.config.locale);
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
    const window = { from: from ?? say('audit.fromStart'), to: to ?? say('audit.untilNow') };
    context.out(`${say('audit.periodsTitle', window)}\n\n`);
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
    const metrics = audit.offlineDays({ ...query, timeZone: context.config.businessDay.timeZone });
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
    return 0;
  } finally {
    store.close();
  }
}
