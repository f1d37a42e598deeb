import { evolvePrintJob, jobIdOf, type PrintJobView } from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { TableView } from '../table-view.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { PrintJobsTable } from '../view-schema.ts';
import { printJobColumns, printJobFromRow, printJobRow, printJobValues } from './print-job-rows.ts';

const ddl = [
  sql.schema
    .createTable('print_jobs')
    .ifNotExists()
    .addColumn('job_id', 'text', (column) => column.primaryKey())
    .addColumn('order_id', 'text', (column) => column.notNull())
    .addColumn('ticket', 'text', (column) => column.notNull())
    .addColumn('printer', 'text', (column) => column.notNull())
    .addColumn('priority', 'text', (column) => column.notNull())
    .addColumn('priority_rank', 'integer', (column) => column.notNull())
    .addColumn('ticket_rank', 'integer', (column) => column.notNull())
    .addColumn('reprint', 'integer', (column) => column.notNull())
    .addColumn('possible_duplicate', 'integer', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('waiting', 'integer', (column) => column.notNull())
    .addColumn('waits_for_printer', 'integer', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('total_attempts', 'integer', (column) => column.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('not_before', 'text')
    .addColumn('slot_starts_at', 'text')
    .addColumn('fallback_for', 'text')
    .addColumn('last_failure', 'text')
    .addColumn('last_failure_counted', 'integer')
    .addColumn('last_failed_at', 'text')
    .addColumn('last_detail', 'text')
    .addColumn('confirmation', 'text')
    .addColumn('queued_at', 'text', (column) => column.notNull())
    .addColumn('printed_at', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('sequence', 'bigint', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull()),
  // The saga's "next due job for printer P": only waiting jobs, in the order they should print.
  sql.schema
    .createIndex('print_jobs_due')
    .ifNotExists()
    .on('print_jobs')
    .columns(['printer', 'priority_rank', 'ticket_rank', 'sequence'])
    .where(sqlTag.ref('waiting'), '=', sqlTag.lit(1)),
  sql.schema
    .createIndex('print_jobs_retry')
    .ifNotExists()
    .on('print_jobs')
    .columns(['printer', 'next_attempt_at'])
    .where(sqlTag.ref('state'), '=', sqlTag.lit('retry-wait')),
  // The saga's "when does the next held pre-order ticket fall due for printer P".
  sql.schema
    .createIndex('print_jobs_held')
    .ifNotExists()
    .on('print_jobs')
    .columns(['printer', 'not_before'])
    .where(sqlTag.ref('state'), '=', sqlTag.lit('scheduled')),
  sql.schema
    .createIndex('print_jobs_by_state')
    .ifNotExists()
    .on('print_jobs')
    .columns(['state', 'printer', 'sequence']),
  sql.schema
    .createIndex('print_jobs_by_order')
    .ifNotExists()
    .on('print_jobs')
    .columns(['order_id', 'sequence']),
  sql.schema.createIndex('print_jobs_by_sequence').ifNotExists().on('print_jobs').columns(['sequence']),
  sql.schema
    .createTable('print_job_counts')
    .ifNotExists()
    .addColumn('printer', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('jobs', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('print_job_counts_key', ['printer', 'state']),
].map((statement) => `${statementOf(statement)};`);

const sample = printJobRow({
  jobId: '',
  orderId: '',
  ticket: 'kitchen',
  printer: '',
  priority: 'normal',
  reprint: false,
  possibleDuplicate: false,
  state: 'queued',
  attempts: 0,
  totalAttempts: 0,
  queuedAt: '',
  updatedAt: '',
  sequence: 0,
  version: 0,
});

const upsertJob = statementOf(
  sql
    .insertInto('print_jobs')
    .values(sample)
    .onConflict((conflict) =>
      conflict
        .column('job_id')
        .doUpdateSet((excluded) =>
          Object.fromEntries(
            printJobColumns
              .filter((column) => column !== 'job_id')
              .map((column) => [column, excluded.ref(`excluded.${column}`)]),
          ),
        ),
    ),
);
const selectJob = statementOf(sql.selectFrom('print_jobs').selectAll().where('job_id', '=', ''));
const addToCount = statementOf(
  sql
    .insertInto('print_job_counts')
    .values({ printer: '', state: '', jobs: 0 })
    .onConflict((conflict) =>
      conflict.columns(['printer', 'state']).doUpdateSet({
        jobs: (expression) => sqlTag`${expression.ref('print_job_counts.jobs')} + excluded.jobs`,
      }),
    ),
);

function countKey(printer: string, state: string): string {
  return `${printer}\u0000${state}`;
}

/**
 * The print queue as a table: one row per job, evolved by the domain's one job lifecycle. A batch
 * reads each touched job once, folds its events in memory, and writes each changed row once, with
 * the per-printer state counts moved by the difference.
 */
export const printJobsView: TableView = {
  name: 'print-jobs',
  version: 3,
  create: (connection) => connection.exec(ddl.join('\n')),
  drop: (connection) =>
    connection.exec('DROP TABLE IF EXISTS print_jobs; DROP TABLE IF EXISTS print_job_counts;'),
  writer: (connection: ViewConnection) => {
    const read = connection.prepare<PrintJobsTable>(selectJob);
    const write = connection.prepare(upsertJob);
    const count = connection.prepare(addToCount);
    return (events) => {
      const touched = new Map<
        string,
        { before: PrintJobView | undefined; after: PrintJobView | undefined }
      >();
      for (const event of events) {
        const jobId = jobIdOf(event);
        if (jobId === undefined) continue;
        let entry = touched.get(jobId);
        if (entry === undefined) {
          const row = read.get(jobId);
          const before = row === undefined ? undefined : printJobFromRow(row);
          entry = { before, after: before };
          touched.set(jobId, entry);
        }
        entry.after = evolvePrintJob(entry.after, event);
      }
      const counts = new Map<string, { printer: string; state: string; jobs: number }>();
      const move = (printer: string, state: string, by: number) => {
        const key = countKey(printer, state);
        const current = counts.get(key) ?? { printer, state, jobs: 0 };
        counts.set(key, { ...current, jobs: current.jobs + by });
      };
      for (const { before, after } of touched.values()) {
        if (after === undefined || after === before) continue;
        write.run(...printJobValues(printJobRow(after)));
        // A ticket moved to the fallback printer leaves one printer's counts for the other's.
        if (before?.state === after.state && before.printer === after.printer) continue;
        if (before) move(before.printer, before.state, -1);
        move(after.printer, after.state, 1);
      }
      for (const { printer, state, jobs } of counts.values()) if (jobs !== 0) count.run(printer, state, jobs);
    };
  },
};
