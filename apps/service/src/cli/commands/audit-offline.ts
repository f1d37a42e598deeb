import {
  auditMetrics,
  initialOfflineAudit,
  type OfflineComponent,
  reduceOfflinePeriods,
  selectOfflinePeriods,
} from '@bonrelay/domain';
import { textOption, timeOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';
import { foldLog } from '../fold-log.ts';
import { formatDuration, formatTable } from '../format.ts';
import { savedOfflineAudit } from '../saved-view.ts';

/**
 * `audit offline --from --to [--component]`: the offline periods of a time range, replayed from the
 * log (read-only, fine beside the running service or on a copy), and the per-day figures.
 */
export function auditOfflineCommand(context: CliContext): number {
  const from = timeOption(context.args, 'from');
  const to = timeOption(context.args, 'to');
  const component = textOption(context.args, 'component') as OfflineComponent | undefined;
  const store = openLogForCli(context, 'read-only');
  try {
    const audit = { name: 'offline', version: 1, initial: initialOfflineAudit, reduce: reduceOfflinePeriods };
    // The whole log counts: a period overlapping the window is reported whole, as the API does, so
    // an outage reads the same whichever window finds it. The service's materialised view (when
    // its rows are current) saves re-reading months of log: only the tail after it is folded.
    const saved = savedOfflineAudit(store, context);
    const { states } = foldLog(
      store,
      { audit },
      {},
      undefined,
      saved && { position: saved.position, states: { audit: saved.state } },
    );
    const periods = selectOfflinePeriods(states.audit, {
      from,
      to,
      component,
      now: new Date().toISOString(),
    });
    if (context.args.options.json) {
      context.out(`${JSON.stringify({ offlinePeriods: periods }, null, 2)}\n`);
      return 0;
    }
    context.out(`Offline periods ${from ?? 'from the start'} → ${to ?? 'now'}\n\n`);
    context.out(
      formatTable(
        [
          'component',
          'start',
          'end',
          'duration',
          'cause',
          'orders',
          'jobs buffered',
          'backlog printed after',
        ],
        periods.map((period) => [
          period.component,
          period.start,
          period.end ?? '(still offline)',
          formatDuration(period.durationMs),
          period.cause,
          String(period.ordersReceived.length),
          String(period.jobsBuffered),
          period.backlogPrintedAfterMs === undefined ? '-' : formatDuration(period.backlogPrintedAfterMs),
        ]),
      ),
    );
    const metrics = auditMetrics(periods, { timeZone: context.config.businessDay.timeZone });
    context.out('\nPer day\n\n');
    context.out(
      formatTable(
        ['day', 'component', 'offline', 'outages', 'mean time to recovery'],
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
