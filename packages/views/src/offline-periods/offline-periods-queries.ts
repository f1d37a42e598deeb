import {
  type AuditMetricsOptions,
  auditMetrics,
  type OfflineComponent,
  type OfflineDayMetrics,
  type OfflinePeriod,
  type OfflinePeriodQuery,
  type OfflinePeriodRecord,
  toOfflinePeriod,
} from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { OfflinePeriodsTable } from '../view-schema.ts';
import { offlinePeriodFromRow } from './offline-period-rows.ts';

/** The audit's window and filter, one page at a time. */
export interface OfflinePeriodFilter extends OfflinePeriodQuery {
  readonly limit?: number;
  /** Keyset cursor: only periods that began after the period with this id (the `next` of a page). */
  readonly after?: number;
}

/** Periods in the order they began; `next` is the cursor of the following page (null: none). */
export interface OfflinePeriodPage {
  readonly periods: OfflinePeriod[];
  readonly next: number | null;
}

/** One component's outages since the tables began, ongoing ones counted to now. */
export interface OfflineTotal {
  readonly component: OfflineComponent;
  readonly outages: number;
  readonly offlineMs: number;
}

/** The questions the API, the CLI and metrics ask of the offline periods table. */
export interface OfflinePeriodQueries {
  /** Periods overlapping `[from, to]`, reported whole, an open one lasting until `now`. */
  offlinePeriods(filter: OfflinePeriodFilter): OfflinePeriodPage;
  /** Per component per day, from the periods the filter selects (not from the log). */
  offlineDays(filter: OfflinePeriodQuery & AuditMetricsOptions): OfflineDayMetrics[];
  offlineTotals(now: string): OfflineTotal[];
  /** The outage that began last (an ongoing one lasting until `now`): a group's overview shows it per site. */
  lastOfflinePeriod(now: string): OfflinePeriod | undefined;
}

function iso(time: string): string {
  return new Date(time).toISOString();
}

/**
 * The statement for a window. Times are compared as ISO 8601 text (the log writes them that way).
 * With a `from`, the ids come from ended periods through the end-time index and from open ones
 * (lasting until `now`, which is after `from` unless the window lies in the future) through the
 * open-periods index, so no question walks the outages that ended before the window.
 */
export function offlinePeriodsStatement(filter: OfflinePeriodFilter): {
  text: string;
  parameters: unknown[];
} {
  const now = iso(filter.now);
  const to = filter.to === undefined ? undefined : iso(filter.to);
  const ids = () => {
    let arm = sql.selectFrom('offline_periods').select('id');
    if (filter.component !== undefined) arm = arm.where('component', '=', filter.component);
    if (to !== undefined) arm = arm.where('started_at', '<=', to);
    return arm;
  };
  let query = sql.selectFrom('offline_periods').selectAll();
  if (filter.from === undefined) {
    if (filter.component !== undefined) query = query.where('component', '=', filter.component);
    if (to !== undefined) query = query.where('started_at', '<=', to);
  } else {
    const from = iso(filter.from);
    const open = ids().where('ended_at', 'is', null);
    const ended = ids().where('ended_at', '>=', from);
    query = query.where(
      'id',
      'in',
      ended.unionAll(now >= from ? open : open.where('started_at', '>=', from)),
    );
  }
  if (filter.after !== undefined) query = query.where('id', '>', filter.after);
  query = query.orderBy('id');
  if (filter.limit !== undefined) query = query.limit(filter.limit + 1);
  const compiled = query.compile();
  return { text: compiled.sql, parameters: [...compiled.parameters] };
}

const statements = {
  closed: statementOf(
    sql
      .selectFrom('offline_periods')
      .select((select) => [
        'component',
        select.fn.countAll<number>().as('outages'),
        select.fn.sum<number | null>('duration_ms').as('closed_ms'),
      ])
      .groupBy('component')
      // SQLite hands groups back sorted by their key; PostgreSQL in any order unless asked.
      .orderBy('component'),
  ),
  open: statementOf(
    sql.selectFrom('offline_periods').select(['component', 'started_at']).where('ended_at', 'is', null),
  ),
  last: statementOf(sql.selectFrom('offline_periods').selectAll().orderBy('id', 'desc').limit(sqlTag.lit(1))),
};

/** The stored periods a filter selects, in the order they began (`limit + 1` of them when limited). */
export function offlinePeriodRecords(
  connection: ViewConnection,
  filter: OfflinePeriodFilter,
): OfflinePeriodRecord[] {
  const { text, parameters } = offlinePeriodsStatement(filter);
  return connection
    .prepare<OfflinePeriodsTable>(text)
    .all(...parameters)
    .map(offlinePeriodFromRow);
}

/**
 * The period questions over any source of records (the table, or the table with a tail of the log
 * folded over it), so both answer alike: pages by keyset, figures per day from the same periods.
 */
export function periodQueriesOver(
  records: (filter: OfflinePeriodFilter) => OfflinePeriodRecord[],
): Pick<OfflinePeriodQueries, 'offlinePeriods' | 'offlineDays'> {
  const offlinePeriods = (filter: OfflinePeriodFilter): OfflinePeriodPage => {
    const found = records(filter);
    const page = filter.limit === undefined ? found : found.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      periods: page.map((period) => toOfflinePeriod(period, filter.now)),
      next: found.length > page.length && last ? last.id : null,
    };
  };
  return {
    offlinePeriods,
    offlineDays: ({ timeZone, dayStartsAt, ...query }) =>
      auditMetrics(offlinePeriods(query).periods, {
        timeZone,
        ...(dayStartsAt === undefined ? {} : { dayStartsAt }),
      }),
  };
}

/** Reads the offline periods table through its indexes; nothing walks outages outside the window. */
export function offlinePeriodQueries(connection: ViewConnection): OfflinePeriodQueries {
  return {
    ...periodQueriesOver((filter) => offlinePeriodRecords(connection, filter)),
    offlineTotals: (now) => {
      const totals = new Map<string, { component: OfflineComponent; outages: number; offlineMs: number }>();
      const closed = connection.prepare<{ component: string; outages: number; closed_ms: number | null }>(
        statements.closed,
      );
      // Numbers, whatever width the database hands aggregates back in.
      for (const { component, outages, closed_ms } of closed.all())
        totals.set(component, {
          component: component as OfflineComponent,
          outages: Number(outages),
          offlineMs: Number(closed_ms ?? 0),
        });
      const open = connection.prepare<Pick<OfflinePeriodsTable, 'component' | 'started_at'>>(statements.open);
      const at = Date.parse(now);
      for (const { component, started_at } of open.all()) {
        const total = totals.get(component);
        if (total) total.offlineMs += Math.max(0, at - Date.parse(started_at));
      }
      return [...totals.values()];
    },
    lastOfflinePeriod: (now) => {
      const row = connection.prepare<OfflinePeriodsTable>(statements.last).get();
      return row === undefined ? undefined : toOfflinePeriod(offlinePeriodFromRow(row), now);
    },
  };
}
