import type { AnyDomainEvent } from '../events.ts';
import {
  initialOfflineAudit,
  type OfflineAuditState,
  type OfflineComponent,
  type OfflinePeriod,
} from './offline-period.ts';
import { reduceOfflinePeriods } from './reduce-offline-periods.ts';

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
 * The periods of the audit that overlap `[from, to]`, reported whole (not clipped to the range) so
 * an outage reads the same whichever window it is found through.
 */
export function selectOfflinePeriods(state: OfflineAuditState, query: OfflinePeriodQuery): OfflinePeriod[] {
  const now = Date.parse(query.now);
  const from = query.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.from);
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.to);
  const found: OfflinePeriod[] = [];
  for (const period of state.periods) {
    if (query.component !== undefined && period.component !== query.component) continue;
    const start = Date.parse(period.start);
    const end = period.end === undefined ? Math.max(now, start) : Date.parse(period.end);
    if (start > to || end < from) continue;
    found.push({ ...period, durationMs: end - start });
  }
  return found;
}

/** The audit straight from the log, for the CLI and replays that have no materialised view. */
export function offlinePeriods(events: Iterable<AnyDomainEvent>, query: OfflinePeriodQuery): OfflinePeriod[] {
  let state = initialOfflineAudit;
  for (const event of events) state = reduceOfflinePeriods(state, event);
  return selectOfflinePeriods(state, query);
}
