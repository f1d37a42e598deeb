import {
  type PrinterBacklog,
  type PrinterJobs,
  type PrintJobState,
  type PrintJobView,
  printJobStates,
  type QueueSummary,
} from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { PrintJobsTable } from '../view-schema.ts';
import { printJobFromRow } from './print-job-rows.ts';

/** What the API may filter a job list by; `before` is the keyset cursor (a job's sequence). */
export interface PrintJobFilter {
  readonly state?: string;
  readonly printer?: string;
  readonly order?: string;
  readonly before?: number;
  readonly limit: number;
}

/** The questions the saga (its `PrinterJobs` port), the API, metrics and alerts ask of the jobs table. */
export interface PrintJobQueries extends PrinterJobs {
  job(jobId: string): PrintJobView | undefined;
  jobsOfOrder(orderId: string): PrintJobView[];
  /** Newest first, filtered, one page. */
  list(filter: PrintJobFilter): PrintJobView[];
  summary(now: Date): QueueSummary;
  /** The printer's tickets waiting for it that nobody is printing, in print order: what a fail-over moves. */
  waitingFor(printer: string): PrintJobView[];
  /** The oldest job not yet on paper, per printer: for alerts and metrics. */
  oldestWaiting(printer: string): PrintJobView | undefined;
  /** Every printer that has or had jobs, with what waits for it now. */
  backlog(): PrinterBacklog[];
}

const waitingStates = ['queued', 'printing', 'retry-wait'] as const;

const statements = {
  job: statementOf(sql.selectFrom('print_jobs').selectAll().where('job_id', '=', '')),
  jobsOfOrder: statementOf(
    sql.selectFrom('print_jobs').selectAll().where('order_id', '=', '').orderBy('sequence'),
  ),
  // Only the ids: the saga leaves out the jobs it has just written to, so this reads several
  // candidates per ticket, and building whole rows for them cost more than the rest of a decision.
  nextDue: statementOf(
    sql
      .selectFrom('print_jobs')
      .select('job_id')
      .where(sqlTag.ref('waiting'), '=', sqlTag.lit(1))
      .where('printer', '=', '')
      .where((where) =>
        where.or([
          where('next_attempt_at', 'is', null),
          where('next_attempt_at', '<=', ''),
          // Strictly before: a job refused in the very instant the printer was seen back failed
          // after it, and keeps its backoff (else a printer that refuses at once is retried in a loop).
          where.and([
            where(sqlTag.ref('waits_for_printer'), '=', sqlTag.lit(1)),
            where('last_failed_at', '<', ''),
          ]),
        ]),
      )
      .orderBy('priority_rank')
      .orderBy('ticket_rank')
      .orderBy('sequence')
      // A bound parameter: one more row than the caller leaves out.
      .limit(1),
  ),
  earliestRetry: statementOf(
    sql
      .selectFrom('print_jobs')
      .select('next_attempt_at')
      .where(sqlTag.ref('state'), '=', sqlTag.lit('retry-wait'))
      .where('printer', '=', '')
      .orderBy('next_attempt_at')
      .limit(sqlTag.lit(1)),
  ),
  waitingFor: statementOf(
    sql
      .selectFrom('print_jobs')
      .selectAll()
      .where(sqlTag.ref('waiting'), '=', sqlTag.lit(1))
      .where('printer', '=', '')
      .orderBy('priority_rank')
      .orderBy('ticket_rank')
      .orderBy('sequence'),
  ),
  earliestHold: statementOf(
    sql
      .selectFrom('print_jobs')
      .select('not_before')
      .where(sqlTag.ref('state'), '=', sqlTag.lit('scheduled'))
      .where('printer', '=', '')
      .orderBy('not_before')
      .limit(sqlTag.lit(1)),
  ),
  dueHolds: statementOf(
    sql
      .selectFrom('print_jobs')
      .selectAll()
      .where(sqlTag.ref('state'), '=', sqlTag.lit('scheduled'))
      .where('printer', '=', '')
      .where('not_before', '<=', '')
      .orderBy('not_before'),
  ),
  inState: statementOf(
    sql
      .selectFrom('print_jobs')
      .selectAll()
      .where('state', '=', '')
      .where('printer', '=', '')
      .orderBy('sequence')
      .limit(sqlTag.lit(1)),
  ),
  printing: statementOf(
    sql.selectFrom('print_jobs').selectAll().where('state', '=', 'printing').where('printer', '=', ''),
  ),
  counts: statementOf(sql.selectFrom('print_job_counts').select(['printer', 'state', 'jobs'])),
  nextRetry: statementOf(
    sql
      .selectFrom('print_jobs')
      .select((select) => select.fn.min('next_attempt_at').as('at'))
      .where(sqlTag.ref('state'), '=', sqlTag.lit('retry-wait')),
  ),
};

function listStatement(filter: PrintJobFilter): { text: string; parameters: unknown[] } {
  let query = sql.selectFrom('print_jobs').selectAll();
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.printer !== undefined) query = query.where('printer', '=', filter.printer);
  if (filter.order !== undefined) query = query.where('order_id', '=', filter.order);
  if (filter.before !== undefined) query = query.where('sequence', '<', filter.before);
  const compiled = query.orderBy('sequence', 'desc').limit(filter.limit).compile();
  return { text: compiled.sql, parameters: [...compiled.parameters] };
}

function emptyCounts(): Record<PrintJobState, number> {
  return Object.fromEntries(printJobStates.map((state) => [state, 0])) as Record<PrintJobState, number>;
}

/** Reads the jobs table through indexed statements; no question walks jobs that are long printed. */
export function printJobQueries(connection: ViewConnection): PrintJobQueries {
  const one = (text: string, ...parameters: unknown[]) => {
    const row = connection.prepare<PrintJobsTable>(text).get(...parameters);
    return row === undefined ? undefined : printJobFromRow(row);
  };
  const many = (text: string, ...parameters: unknown[]) =>
    connection
      .prepare<PrintJobsTable>(text)
      .all(...parameters)
      .map(printJobFromRow);
  const counts = () =>
    connection.prepare<{ printer: string; state: PrintJobState; jobs: number }>(statements.counts).all();
  const oldestWaiting = (printer: string) => {
    let oldest: PrintJobView | undefined;
    for (const state of waitingStates) {
      const job = one(statements.inState, state, printer);
      if (job && (oldest === undefined || job.sequence < oldest.sequence)) oldest = job;
    }
    return oldest;
  };
  const countsByPrinter = () => {
    const found: Record<string, Record<PrintJobState, number>> = {};
    for (const { printer, state, jobs } of counts()) {
      found[printer] ??= emptyCounts();
      found[printer][state] = jobs;
    }
    return found;
  };
  return {
    job: (jobId) => one(statements.job, jobId),
    jobsOfOrder: (orderId) => many(statements.jobsOfOrder, orderId),
    nextDue: (printer, now, printerBackSince, excluding) => {
      const skip = new Set(excluding);
      // The index hands jobs over in print order: one more than `excluding` always suffices.
      const candidates = connection
        .prepare<Pick<PrintJobsTable, 'job_id'>>(statements.nextDue)
        .all(printer, now, printerBackSince ?? '', skip.size + 1);
      const due = candidates.find((candidate) => !skip.has(candidate.job_id));
      // Same connection, same tick: nothing is written between the two reads.
      return due === undefined ? undefined : one(statements.job, due.job_id);
    },
    earliestRetry: (printer) =>
      connection.prepare<{ next_attempt_at: string | null }>(statements.earliestRetry).get(printer)
        ?.next_attempt_at ?? undefined,
    earliestHold: (printer) =>
      connection.prepare<{ not_before: string | null }>(statements.earliestHold).get(printer)?.not_before ??
      undefined,
    waitingFor: (printer) => many(statements.waitingFor, printer),
    dueHolds: (printer, now) => many(statements.dueHolds, printer, now),
    printing: (printer) => many(statements.printing, 'printing', printer),
    list: (filter) => {
      const { text, parameters } = listStatement(filter);
      return many(text, ...parameters);
    },
    oldestWaiting,
    backlog: () =>
      Object.entries(countsByPrinter()).map(([printer, jobs]) => {
        const oldest = oldestWaiting(printer);
        return {
          printer,
          waiting: jobs.queued + jobs.printing + jobs['retry-wait'],
          due: jobs.queued + jobs['retry-wait'],
          ...(oldest ? { oldestQueuedAt: oldest.queuedAt } : {}),
        };
      }),
    summary: (now) => {
      const byState = emptyCounts();
      const byPrinter = countsByPrinter();
      let total = 0;
      for (const jobs of Object.values(byPrinter)) {
        for (const state of printJobStates) byState[state] += jobs[state];
        total += printJobStates.reduce((sum, state) => sum + jobs[state], 0);
      }
      let oldest: PrintJobView | undefined;
      for (const printer of Object.keys(byPrinter)) {
        const candidate = oldestWaiting(printer);
        if (candidate && (oldest === undefined || candidate.sequence < oldest.sequence)) oldest = candidate;
      }
      const nextAttemptAt = connection.prepare<{ at: string | null }>(statements.nextRetry).get()?.at ?? null;
      return {
        total,
        byState,
        byPrinter,
        oldestWaitingMs:
          oldest === undefined ? null : Math.max(0, now.getTime() - Date.parse(oldest.queuedAt)),
        oldestWaitingJobId: oldest?.jobId ?? null,
        nextAttemptAt,
      };
    },
  };
}
