import type { AnyDomainEvent } from '../events.ts';
import { type PrintJobState, type PrintJobView, type PrintQueue, printJobStates } from './print-job-view.ts';

function isFinished(job: PrintJobView): boolean {
  return job.state === 'printed' || job.state === 'cancelled';
}

const noCounts = Object.fromEntries(printJobStates.map((state) => [state, 0])) as Record<
  PrintJobState,
  number
>;

function recount(queue: PrintQueue, printer: string, from: PrintJobState | undefined, to: PrintJobState) {
  if (from === to) return queue.counts;
  const counts = { ...(queue.counts[printer] ?? noCounts) };
  if (from) counts[from] -= 1;
  counts[to] += 1;
  return { ...queue.counts, [printer]: counts };
}

function withJob(queue: PrintQueue, job: PrintJobView): PrintQueue {
  const before = queue.jobs.get(job.jobId);
  return {
    jobs: queue.jobs.set(job.jobId, job),
    unfinished: isFinished(job) ? queue.unfinished.delete(job.jobId) : queue.unfinished.set(job.jobId, true),
    counts: recount(queue, job.printer, before?.state, job.state),
  };
}

/** Applies a change to a known job; unknown jobs (other printers' pruned ones, typos) change nothing. */
function update(
  queue: PrintQueue,
  jobId: string,
  change: (job: PrintJobView) => PrintJobView | undefined,
): PrintQueue {
  const job = queue.jobs.get(jobId);
  if (job === undefined) return queue;
  const next = change(job);
  return next === undefined || next === job ? queue : withJob(queue, next);
}

/**
 * The print queue projection: folds the log into each job's state, so the dashboard, the API and
 * the printer saga all agree on what is waiting. Pure, and unchanged (same object) for events that
 * do not touch a job, so replays stay cheap.
 */
export function reducePrintQueue(queue: PrintQueue, event: AnyDomainEvent): PrintQueue {
  switch (event.type) {
    case 'PrintJobQueued': {
      if (queue.jobs.has(event.data.jobId)) return queue;
      const { jobId, orderId, ticket, printer, priority, reprint } = event.data;
      return withJob(queue, {
        jobId,
        orderId,
        ticket,
        printer,
        priority,
        reprint,
        possibleDuplicate: false,
        state: 'queued',
        attempts: 0,
        totalAttempts: 0,
        queuedAt: event.recordedAt,
        sequence: event.position,
      });
    }
    case 'PrintAttemptStarted':
      return update(queue, event.data.jobId, (job) =>
        job.state === 'queued' || job.state === 'retry-wait'
          ? { ...job, state: 'printing', totalAttempts: Math.max(job.totalAttempts, event.data.attempt) }
          : undefined,
      );
    case 'PrintAttemptFailed':
      return update(queue, event.data.jobId, (job) =>
        isFinished(job)
          ? undefined
          : {
              ...job,
              state: 'retry-wait',
              attempts: job.attempts + (event.data.counted ? 1 : 0),
              nextAttemptAt: event.data.nextAttemptAt,
              lastFailure: event.data.failure,
              lastFailureCounted: event.data.counted,
              lastDetail: event.data.detail,
            },
      );
    case 'PrintJobPrinted':
      // The paper came out: that is true whatever else was decided meanwhile.
      return update(queue, event.data.jobId, (job) => ({
        ...job,
        state: 'printed',
        confirmation: event.data.confirmation,
        printedAt: event.recordedAt,
        nextAttemptAt: undefined,
      }));
    case 'PrintJobGaveUp':
      return update(queue, event.data.jobId, (job) =>
        isFinished(job)
          ? undefined
          : { ...job, state: 'gave-up', lastFailure: event.data.lastFailure, nextAttemptAt: undefined },
      );
    case 'PrintJobRevived':
      return update(queue, event.data.jobId, (job) =>
        job.state === 'gave-up'
          ? { ...job, state: 'queued', attempts: 0, nextAttemptAt: undefined }
          : undefined,
      );
    case 'PrintJobRequeued':
      return update(queue, event.data.jobId, (job) =>
        job.state === 'printing' ? { ...job, state: 'queued', possibleDuplicate: true } : undefined,
      );
    case 'PrintJobCancelled':
      return update(queue, event.data.jobId, (job) =>
        isFinished(job) ? undefined : { ...job, state: 'cancelled', nextAttemptAt: undefined },
      );
    default:
      return queue;
  }
}
