import {
  type AnyDomainEvent,
  evolveOfflineAudit,
  type OfflineAudit,
  type OfflinePeriodRecord,
  offlineJobOf,
} from '@bonrelay/domain';

/** What a fold of events needs to read from the stored periods. */
export interface OfflineRowReader {
  /** The periods still going on (at most one per component). */
  openPeriods(): OfflinePeriodRecord[];
  /** The period a job was buffered in, while it has neither printed nor been cancelled. */
  bufferedIn(jobId: string): number | undefined;
  period(id: number): OfflinePeriodRecord | undefined;
}

/** The events the offline audit folds; a batch without any reads nothing. */
export function movesOfflineAudit(event: AnyDomainEvent): boolean {
  return (
    event.type === 'PrinterStatusChanged' ||
    event.type === 'InternetStatusChanged' ||
    event.type === 'WebhookDeliveryGap' ||
    event.type === 'WebhookDeliveryRestored' ||
    event.type === 'OrderReceived' ||
    event.type === 'PrinterFailedOver' ||
    event.type === 'PrintJobRerouted' ||
    offlineJobOf(event) !== undefined
  );
}

/** Starts a slice from the stored open periods. */
export function openSlice(reader: OfflineRowReader): OfflineAudit {
  const periods: Record<number, OfflinePeriodRecord> = {};
  const open: Record<string, number> = {};
  for (const period of reader.openPeriods()) {
    periods[period.id] = period;
    open[period.component] = period.id;
  }
  return { periods, open, bufferedJobs: {} };
}

/**
 * Adds to the slice the stored buffered jobs the events name, with their periods, so the fold can
 * settle them. `looked` remembers jobs already looked up: the slice is the truth about them from
 * then on (a job settled in memory must not come back from its stale row).
 */
export function withJobsOf(
  reader: OfflineRowReader,
  slice: OfflineAudit,
  events: readonly AnyDomainEvent[],
  looked: Set<string>,
): OfflineAudit {
  let periods = slice.periods;
  let bufferedJobs = slice.bufferedJobs;
  for (const event of events) {
    const jobId = offlineJobOf(event);
    if (jobId === undefined || looked.has(jobId)) continue;
    looked.add(jobId);
    const id = reader.bufferedIn(jobId);
    if (id === undefined || bufferedJobs[jobId] !== undefined) continue;
    const period = periods[id] ?? reader.period(id);
    if (period === undefined) continue;
    periods = periods[id] ? periods : { ...periods, [id]: period };
    bufferedJobs = { ...bufferedJobs, [jobId]: id };
  }
  return periods === slice.periods && bufferedJobs === slice.bufferedJobs
    ? slice
    : { ...slice, periods, bufferedJobs };
}

/** Folds events into the slice through the domain's one evolve. */
export function foldSlice(slice: OfflineAudit, events: readonly AnyDomainEvent[]): OfflineAudit {
  let audit = slice;
  for (const event of events) audit = evolveOfflineAudit(audit, event);
  return audit;
}
