import {
  type OfflineAudit,
  type OfflinePeriod,
  type OfflinePeriodQuery,
  overlapsQuery,
  toOfflinePeriod,
} from '../../src/index.ts';

/** The periods of a folded audit that a query selects, as the audit reports them (what a table query answers). */
export function offlinePeriodsOf(audit: OfflineAudit, query: OfflinePeriodQuery): OfflinePeriod[] {
  return Object.values(audit.periods)
    .filter((period) => overlapsQuery(period, query))
    .map((period) => toOfflinePeriod(period, query.now));
}
