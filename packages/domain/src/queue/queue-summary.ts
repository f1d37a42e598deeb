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
  // Times are the log's ISO 8601 UTC strings: they sort as text, so only the winner is parsed.
  let oldest: { jobId: string; queuedAt: string } | undefined;
  let nextAttemptAt: string | null = null;
  for (const [printer, counts] of Object.entries(queue.counts)) {
    byPrinter[printer] = { ...counts };
    for (const state of printJobStates) byState[state] += counts[state];
  }
  queue.unfinished.forEach((_, jobId) => {
    const job = queue.jobs.get(jobId);
    if (!job) return;
    if (job.state === 'queued' || job.state === 'printing' || job.state === 'retry-wait') {
      if (oldest === undefined || job.queuedAt < oldest.queuedAt)
        oldest = { jobId: job.jobId, queuedAt: job.queuedAt };
    }
    if (job.state === 'retry-wait' && job.nextAttemptAt !== undefined) {
      if (nextAttemptAt === null || job.nextAttemptAt < nextAttemptAt) nextAttemptAt = job.nextAttemptAt;
    }
  });
  const found = oldest as { jobId: string; queuedAt: string } | undefined;
  return {
    total: queue.jobs.size,
    byState,
    byPrinter,
    oldestWaitingMs: found === undefined ? null : Math.max(0, now.getTime() - Date.parse(found.queuedAt)),
    oldestWaitingJobId: found?.jobId ?? null,
    nextAttemptAt,
  };
}
