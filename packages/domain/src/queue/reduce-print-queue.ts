import type { AnyDomainEvent } from '../events.ts';
import { evolvePrintJob, isFinished, jobIdOf } from './evolve-print-job.ts';
import { type PrintJobState, type PrintJobView, type PrintQueue, printJobStates } from './print-job-view.ts';

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

/**
 * The print queue projection: folds the log into each job's state, so the dashboard, the API and
 * the printer saga all agree on what is waiting. Pure, and unchanged (same object) for events that
 * do not touch a job, so replays stay cheap.
 */
export function reducePrintQueue(queue: PrintQueue, event: AnyDomainEvent): PrintQueue {
  const jobId = jobIdOf(event);
  if (jobId === undefined) return queue;
  const before = queue.jobs.get(jobId);
  if (before === undefined && event.type !== 'PrintJobQueued') return queue;
  const after = evolvePrintJob(before, event);
  return after === undefined || after === before ? queue : withJob(queue, after);
}
