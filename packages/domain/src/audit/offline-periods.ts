import type { OfflineComponent, OfflinePeriodRecord } from './offline-period.ts';

export interface OfflinePeriodQuery {
  /** ISO 8601; periods still going on at or after this time are included. */
  readonly from?: string;
  /** ISO 8601; periods that started at or before this time are included. */
  readonly to?: string;
  /** Only this component (`internet`, `printer:<name>`). */
  readonly component?: OfflineComponent;
  /** The injected clock's now: the end used for open periods. */
  readonly now: string;
}

/**
 * Whether a period overlaps `[from, to]` (an open one lasting until now). Periods are reported
 * whole, not clipped to the range, so an outage reads the same whichever window finds it.
 */
export function overlapsQuery(period: OfflinePeriodRecord, query: OfflinePeriodQuery): boolean {
  if (query.component !== undefined && period.component !== query.component) return false;
  const start = Date.parse(period.start);
  const end = period.end === undefined ? Math.max(Date.parse(query.now), start) : Date.parse(period.end);
  if (query.to !== undefined && start > Date.parse(query.to)) return false;
  return query.from === undefined || end >= Date.parse(query.from);
}
