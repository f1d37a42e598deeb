import { connectivityMode, type PrintJobState } from '@bonrelay/domain';
import {
  catchUpViews,
  connectivityQueries,
  orderQueries,
  printJobQueries,
  sqliteViewConnection,
} from '@bonrelay/views';
import Database from 'better-sqlite3';
import { withheldPersonalData } from '../../privacy/index.ts';
import { bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import { textOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';

function parseUntil(text: string | undefined): { position?: number; time?: string } {
  if (text === undefined) return {};
  if (/^\d+$/.test(text)) return { position: Number(text) };
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`--until "${text}" is neither a log position nor a time`);
  return { time: time.toISOString() };
}

const notOnPaper: readonly PrintJobState[] = ['queued', 'printing', 'retry-wait', 'gave-up'];

/**
 * `replay --until <time|position>`: rebuilds the views as they were at that moment and prints the
 * queue, connectivity and order count then ("what did the queue look like at 19:55?"). The tables
 * are folded by the service's own writers into a private scratch database (SQLite's temporary
 * file, gone when it closes), so the audit holds a page of events in memory, never the history,
 * and keeps no guest's personal data.
 */
export function replayCommand(context: CliContext): number {
  const until = parseUntil(textOption(context.args, 'until'));
  const store = openLogForCli(context, 'read-only');
  const scratch = new Database('');
  try {
    const progress = context.isTty
      ? (position: number, last: number) => process.stderr.write(`\rreplaying… ${position} / ${last}`)
      : undefined;
    const connection = sqliteViewConnection(scratch);
    const views = bonrelayTableViews(context.config, withheldPersonalData);
    const position = catchUpViews(store, connection, views, {
      until,
      pageSize: 10_000,
      ...(progress ? { onProgress: progress } : {}),
    });
    if (progress) process.stderr.write('\n');
    const at = until.time ?? new Date().toISOString();
    const network = connectivityQueries(connection).status();
    const jobs = printJobQueries(connection);
    const queue = jobs.summary(new Date(at));
    const waiting = notOnPaper
      .flatMap((state) => jobs.list({ state, limit: queue.byState[state] }))
      .sort((a, b) => a.sequence - b.sequence);
    const report = {
      replayedUntil: { position, time: until.time ?? null },
      connectivity: { mode: connectivityMode(network), ...network },
      queue,
      waitingJobs: waiting.map((job) => ({
        jobId: job.jobId,
        printer: job.printer,
        ticket: job.ticket,
        priority: job.priority,
        state: job.state,
        attempts: job.attempts,
        queuedAt: job.queuedAt,
      })),
      orders: orderQueries(connection, withheldPersonalData).count(),
    };
    context.out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    scratch.close();
    store.close();
  }
}
