/** Bump when the reducer's output changes, so the service rebuilds the materialised view. */
export const offlineViewVersion = 1;

/** `printer:<name>` or `internet`. */
export type OfflineComponent = `printer:${string}` | 'internet';

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
}

/** A period as the projection keeps it; the duration of an open one depends on when you ask. */
export type RecordedOfflinePeriod = Omit<OfflinePeriod, 'durationMs'>;

interface Backlog {
  readonly pending: number;
  readonly lastPrintedAt?: string;
}

export interface OfflineAuditState {
  /** Every period, in order of start. */
  readonly periods: readonly RecordedOfflinePeriod[];
  /** Component → index of its open period. */
  readonly open: Readonly<Record<string, number>>;
  /** Job buffered during an outage and not yet printed → index of that period. */
  readonly bufferedJobs: Readonly<Record<string, number>>;
  /** Period index → its backlog of buffered jobs. */
  readonly backlogs: Readonly<Record<string, Backlog>>;
}

export const initialOfflineAudit: OfflineAuditState = {
  periods: [],
  open: {},
  bufferedJobs: {},
  backlogs: {},
};
