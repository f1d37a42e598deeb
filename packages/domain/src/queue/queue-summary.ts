import type { PrintJobState } from './print-job-view.ts';

/** The queue at a glance, for the dashboard and `/offline/queue/status`. */
export interface QueueSummary {
  readonly total: number;
  readonly byState: Readonly<Record<PrintJobState, number>>;
  readonly byPrinter: Readonly<Record<string, Readonly<Record<PrintJobState, number>>>>;
  /** Age of the oldest job not yet on paper (queued, printing or waiting to retry), or null. */
  readonly oldestWaitingMs: number | null;
  readonly oldestWaitingJobId: string | null;
  /** The earliest scheduled retry, or null when nothing waits on a backoff. */
  readonly nextAttemptAt: string | null;
}
