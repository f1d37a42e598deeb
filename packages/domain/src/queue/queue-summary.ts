import { type PrintJobState, type PrintQueue, printJobStates } from './print-job-view.ts';

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

function emptyCounts(): Record<PrintJobState, number> {
  return Object.fromEntries(printJobStates.map((state) => [state, 0])) as Record<PrintJobState, number>;
}

/** Counts and ages that tell staff whether tickets are stuck, without listing every job. */
export function queueSummary(queue: PrintQueue, now: Date): QueueSummary {
  const byState = emptyCounts();
  const byPrinter: Record<string, Record<PrintJobState, number>> = {};
  let oldest: { jobId: string; queuedAt: number } | undefined;
  let nextAttemptAt: string | null = null;
  for (const job of queue.jobs.values()) {
    byState[job.state] += 1;
    byPrinter[job.printer] ??= emptyCounts();
    byPrinter[job.printer]![job.state] += 1;
    if (job.state === 'queued' || job.state === 'printing' || job.state === 'retry-wait') {
      const queuedAt = Date.parse(job.queuedAt);
      if (oldest === undefined || queuedAt < oldest.queuedAt) oldest = { jobId: job.jobId, queuedAt };
    }
    if (job.state === 'retry-wait' && job.nextAttemptAt !== undefined) {
      if (nextAttemptAt === null || Date.parse(job.nextAttemptAt) < Date.parse(nextAttemptAt)) {
        nextAttemptAt = job.nextAttemptAt;
      }
    }
  }
  return {
    total: queue.jobs.size,
    byState,
    byPrinter,
    oldestWaitingMs: oldest === undefined ? null : Math.max(0, now.getTime() - oldest.queuedAt),
    oldestWaitingJobId: oldest?.jobId ?? null,
    nextAttemptAt,
  };
}
