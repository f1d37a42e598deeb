import { type OfflinePeriodRecord, overlapsQuery } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { toDomainEvent } from '../to-domain-event.ts';
import { savedCheckpoint } from '../view-checkpoints.ts';
import type { ViewConnection } from '../view-connection.ts';
import {
  foldSlice,
  movesOfflineAudit,
  type OfflineRowReader,
  openSlice,
  withJobsOf,
} from './offline-audit-slice.ts';
import {
  type OfflinePeriodFilter,
  type OfflinePeriodQueries,
  offlinePeriodRecords,
  periodQueriesOver,
} from './offline-periods-queries.ts';
import { offlinePeriodRowReader, offlinePeriodsView } from './offline-periods-view.ts';

/** The audit at the log's end, and how much of the log had to be folded to get there. */
export interface OfflineAuditAtLogEnd extends Pick<OfflinePeriodQueries, 'offlinePeriods' | 'offlineDays'> {
  /** Log position the tables held (0: no usable tables, the whole log was folded). */
  readonly tablesAt: number;
  /** Events read from the log after the tables' position. */
  readonly tailEvents: number;
}

const noRows: OfflineRowReader = {
  openPeriods: () => [],
  bufferedIn: () => undefined,
  period: () => undefined,
};

/**
 * The offline audit for a reader that may not write (the CLI, read-only, beside a running or a
 * stopped service): the table's rows as they are, with the tail of the log they have not read yet
 * folded in memory over just the rows that tail touches. The work is bounded by the tail, not by
 * the history; without usable tables (none yet, or another version's) the whole log is the tail.
 */
export function offlineAuditAtLogEnd(
  store: Pick<EventStore, 'read'>,
  connection: ViewConnection,
  pageSize = 5_000,
): OfflineAuditAtLogEnd {
  const saved = savedCheckpoint(connection, offlinePeriodsView.name);
  const tables = saved !== undefined && saved.version === offlinePeriodsView.version;
  const reader = tables ? offlinePeriodRowReader(connection) : noRows;
  const tablesAt = tables ? saved.position : 0;
  let slice = openSlice(reader);
  const looked = new Set<string>();
  let after = tablesAt;
  let tailEvents = 0;
  for (;;) {
    const page = store.read({ after, limit: pageSize });
    if (page.length === 0) break;
    const events = page.map(toDomainEvent).filter(movesOfflineAudit);
    slice = foldSlice(withJobsOf(reader, slice, events, looked), events);
    tailEvents += page.length;
    after = page[page.length - 1]!.position;
    if (page.length < pageSize) break;
  }
  const folded = slice.periods;
  const records = (filter: OfflinePeriodFilter): OfflinePeriodRecord[] => {
    const unbounded = { ...filter, limit: undefined };
    const stored = tables
      ? offlinePeriodRecords(connection, unbounded).filter((period) => folded[period.id] === undefined)
      : [];
    const merged = [...stored, ...Object.values(folded).filter((period) => overlapsQuery(period, filter))]
      .filter((period) => filter.after === undefined || period.id > filter.after)
      .sort((a, b) => a.id - b.id);
    return filter.limit === undefined ? merged : merged.slice(0, filter.limit + 1);
  };
  return { ...periodQueriesOver(records), tablesAt, tailEvents };
}
