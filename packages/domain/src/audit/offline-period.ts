/** `printer:<name>`, `internet`, or `webhook-path` (Wix could not reach us; catch-up fetched instead). */
export type OfflineComponent = `printer:${string}` | 'internet' | 'webhook-path';

/** One stretch of time a part of the restaurant's chain was not working, for the audit. */
export interface OfflinePeriod {
  readonly component: OfflineComponent;
  readonly start: string;
  /** Absent while the outage is still going on. */
  readonly end?: string;
  /** `end - start`, or `now - start` for an open period. */
  readonly durationMs: number;
  /** The statuses the component went through while down, e.g. `offline` or `offline → paper-end`. */
  readonly cause: string;
  /** Internet periods: every probe target that failed during the period. */
  readonly failedTargets?: readonly string[];
  /** Orders received while it was down. */
  readonly ordersReceived: readonly string[];
  /** Printer periods: jobs queued for that printer while it was down. */
  readonly jobsBuffered: number;
  /**
   * Printer periods: from recovery until the last job buffered during the outage printed. Absent
   * while some of those jobs are still unprinted, or when none were buffered.
   */
  readonly backlogPrintedAfterMs?: number;
  /** Printer periods: the printer failed over, and how many of its tickets printed on the fallback. */
  readonly fallback?: OfflineFallback;
}

/** A fail-over during an outage: which printer took the tickets, from when, and how many moved. */
export interface OfflineFallback {
  readonly printer: string;
  readonly failedOverAt: string;
  readonly ticketsMoved: number;
}

/**
 * A period as its row keeps it: without a duration (an open one's depends on when you ask), with
 * the log position of the status change that began it as its id, and the count of its buffered
 * jobs still waiting, so its backlog time is known the moment the last one prints.
 */
export interface OfflinePeriodRecord extends Omit<OfflinePeriod, 'durationMs'> {
  readonly id: number;
  /** Jobs buffered during the outage that have neither printed nor been cancelled yet. */
  readonly backlogPending: number;
  /** When the latest of its buffered jobs printed so far. */
  readonly backlogLastPrintedAt?: string;
}

/**
 * The periods in hand: every one for a fold over the whole log, or only the few a batch of events
 * can touch (the open ones, and those whose buffered jobs it prints) for the table's writer.
 */
export interface OfflineAudit {
  /** By id (the log position that began each), so they iterate in the order they began. */
  readonly periods: Readonly<Record<number, OfflinePeriodRecord>>;
  /** Component → id of its open period (at most one each). */
  readonly open: Readonly<Partial<Record<OfflineComponent, number>>>;
  /** Job buffered during an outage and not printed or cancelled yet → id of that period. */
  readonly bufferedJobs: Readonly<Record<string, number>>;
}

export const emptyOfflineAudit: OfflineAudit = { periods: {}, open: {}, bufferedJobs: {} };

/** The period as the audit reports it, an open one lasting until `now`. */
export function toOfflinePeriod(record: OfflinePeriodRecord, now: string): OfflinePeriod {
  const { id: _id, backlogPending: _pending, backlogLastPrintedAt: _last, ...period } = record;
  const start = Date.parse(record.start);
  const end = record.end === undefined ? Math.max(Date.parse(now), start) : Date.parse(record.end);
  return { ...period, durationMs: end - start };
}
