import type { OfflineComponent, OfflineFallback, OfflinePeriodRecord } from '@bonrelay/domain';
import type { OfflinePeriodsTable } from '../view-schema.ts';

/** The order of the columns, shared by the writer's statement and its parameters. */
export const offlinePeriodColumns = [
  'id',
  'component',
  'started_at',
  'ended_at',
  'duration_ms',
  'cause',
  'failed_targets',
  'orders_received',
  'jobs_buffered',
  'backlog_pending',
  'backlog_last_printed_at',
  'backlog_printed_after_ms',
  'fallback',
] as const satisfies readonly (keyof OfflinePeriodsTable)[];

/** The row that stores a period. */
export function offlinePeriodRow(period: OfflinePeriodRecord): OfflinePeriodsTable {
  return {
    id: period.id,
    component: period.component,
    started_at: period.start,
    ended_at: period.end ?? null,
    duration_ms: period.end === undefined ? null : Date.parse(period.end) - Date.parse(period.start),
    cause: period.cause,
    failed_targets: period.failedTargets === undefined ? null : JSON.stringify(period.failedTargets),
    orders_received: JSON.stringify(period.ordersReceived),
    jobs_buffered: period.jobsBuffered,
    backlog_pending: period.backlogPending,
    backlog_last_printed_at: period.backlogLastPrintedAt ?? null,
    backlog_printed_after_ms: period.backlogPrintedAfterMs ?? null,
    fallback: period.fallback === undefined ? null : JSON.stringify(period.fallback),
  };
}

/** A stored period read back as the domain's (absent columns stay absent, not null). */
export function offlinePeriodFromRow(row: OfflinePeriodsTable): OfflinePeriodRecord {
  return {
    id: row.id,
    component: row.component as OfflineComponent,
    start: row.started_at,
    ...(row.ended_at === null ? {} : { end: row.ended_at }),
    cause: row.cause,
    ...(row.failed_targets === null ? {} : { failedTargets: JSON.parse(row.failed_targets) as string[] }),
    ordersReceived: JSON.parse(row.orders_received) as string[],
    jobsBuffered: row.jobs_buffered,
    ...(row.backlog_printed_after_ms === null ? {} : { backlogPrintedAfterMs: row.backlog_printed_after_ms }),
    backlogPending: row.backlog_pending,
    ...(row.backlog_last_printed_at === null ? {} : { backlogLastPrintedAt: row.backlog_last_printed_at }),
    ...(row.fallback === null ? {} : { fallback: JSON.parse(row.fallback) as OfflineFallback }),
  };
}

/** The row's values in column order, for a prepared statement. */
export function offlinePeriodValues(row: OfflinePeriodsTable): unknown[] {
  return offlinePeriodColumns.map((column) => row[column]);
}
