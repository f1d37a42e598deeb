import type { OfflineAudit } from '@bonrelay/domain';
import { sql, statementOf } from '../sql-builder.ts';
import type { TableView } from '../table-view.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { OfflineBufferedJobsTable, OfflinePeriodsTable } from '../view-schema.ts';
import {
  foldSlice,
  movesOfflineAudit,
  type OfflineRowReader,
  openSlice,
  withJobsOf,
} from './offline-audit-slice.ts';
import {
  offlinePeriodColumns,
  offlinePeriodFromRow,
  offlinePeriodRow,
  offlinePeriodValues,
} from './offline-period-rows.ts';

const ddl = [
  sql.schema
    .createTable('offline_periods')
    .ifNotExists()
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('started_at', 'text', (column) => column.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('cause', 'text', (column) => column.notNull())
    .addColumn('failed_targets', 'text')
    .addColumn('orders_received', 'text', (column) => column.notNull())
    .addColumn('jobs_buffered', 'integer', (column) => column.notNull())
    .addColumn('backlog_pending', 'integer', (column) => column.notNull())
    .addColumn('backlog_last_printed_at', 'text')
    .addColumn('backlog_printed_after_ms', 'bigint')
    .addColumn('fallback', 'text'),
  // Overlap with [from, to]: the periods that ended at or after `from`; and the open ones (null),
  // which the writer loads once per batch.
  sql.schema.createIndex('offline_periods_by_end').ifNotExists().on('offline_periods').column('ended_at'),
  sql.schema
    .createIndex('offline_periods_by_component')
    .ifNotExists()
    .on('offline_periods')
    .columns(['component', 'ended_at']),
  sql.schema
    .createTable('offline_buffered_jobs')
    .ifNotExists()
    .addColumn('job_id', 'text', (column) => column.primaryKey())
    .addColumn('period_id', 'bigint', (column) => column.notNull()),
].map((statement) => `${statementOf(statement)};`);

const sample = offlinePeriodRow({
  id: 0,
  component: 'internet',
  start: '',
  cause: '',
  ordersReceived: [],
  jobsBuffered: 0,
  backlogPending: 0,
});

const statements = {
  upsert: statementOf(
    sql
      .insertInto('offline_periods')
      .values(sample)
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet((excluded) =>
            Object.fromEntries(
              offlinePeriodColumns
                .filter((column) => column !== 'id')
                .map((column) => [column, excluded.ref(`excluded.${column}`)]),
            ),
          ),
      ),
  ),
  open: statementOf(sql.selectFrom('offline_periods').selectAll().where('ended_at', 'is', null)),
  period: statementOf(sql.selectFrom('offline_periods').selectAll().where('id', '=', 0)),
  bufferedIn: statementOf(
    sql.selectFrom('offline_buffered_jobs').select('period_id').where('job_id', '=', ''),
  ),
  buffer: statementOf(sql.insertInto('offline_buffered_jobs').values({ job_id: '', period_id: 0 })),
  settle: statementOf(sql.deleteFrom('offline_buffered_jobs').where('job_id', '=', '')),
};

/** Reads the stored periods and buffered jobs through their keys and the open-periods index. */
export function offlinePeriodRowReader(connection: ViewConnection): OfflineRowReader {
  const open = connection.prepare<OfflinePeriodsTable>(statements.open);
  const period = connection.prepare<OfflinePeriodsTable>(statements.period);
  const bufferedIn = connection.prepare<Pick<OfflineBufferedJobsTable, 'period_id'>>(statements.bufferedIn);
  return {
    openPeriods: () => open.all().map(offlinePeriodFromRow),
    bufferedIn: (jobId) => bufferedIn.get(jobId)?.period_id,
    period: (id) => {
      const row = period.get(id);
      return row === undefined ? undefined : offlinePeriodFromRow(row);
    },
  };
}

function writeChanges(connection: ViewConnection, before: OfflineAudit, after: OfflineAudit): void {
  const upsert = connection.prepare(statements.upsert);
  for (const [id, period] of Object.entries(after.periods))
    if (before.periods[Number(id)] !== period) upsert.run(...offlinePeriodValues(offlinePeriodRow(period)));
  const buffer = connection.prepare(statements.buffer);
  const settle = connection.prepare(statements.settle);
  for (const [jobId, periodId] of Object.entries(after.bufferedJobs))
    if (before.bufferedJobs[jobId] === undefined) buffer.run(jobId, periodId);
  for (const jobId of Object.keys(before.bufferedJobs))
    if (after.bufferedJobs[jobId] === undefined) settle.run(jobId);
}

/**
 * The offline audit as tables: one row per outage, and the jobs buffered during one that have not
 * printed yet. A batch loads only what it can touch (the open periods, and the buffered jobs it
 * names with their periods), folds its events through the domain's evolve, and writes each changed
 * row once, so the work per batch never grows with the history of outages.
 */
export const offlinePeriodsView: TableView = {
  name: 'offline-periods',
  version: 2,
  create: (connection) => connection.exec(ddl.join('\n')),
  drop: (connection) =>
    connection.exec('DROP TABLE IF EXISTS offline_periods; DROP TABLE IF EXISTS offline_buffered_jobs;'),
  writer: (connection) => {
    const reader = offlinePeriodRowReader(connection);
    return (events) => {
      const moving = events.filter(movesOfflineAudit);
      if (moving.length === 0) return;
      const before = withJobsOf(reader, openSlice(reader), moving, new Set());
      writeChanges(connection, before, foldSlice(before, moving));
    };
  },
};
