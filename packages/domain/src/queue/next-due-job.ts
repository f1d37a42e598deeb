import { priorityRank, ticketRank } from '../ticket.ts';
import type { PrintJobView, PrintQueue } from './print-job-view.ts';

/** Orders jobs for printing: critical first, then kitchen before receipts, then first come first served. */
export function comparePrintJobs(a: PrintJobView, b: PrintJobView): number {
  return (
    priorityRank[a.priority] - priorityRank[b.priority] ||
    ticketRank[a.ticket] - ticketRank[b.ticket] ||
    a.sequence - b.sequence
  );
}

/** Whether a job may be sent now: waiting, and past its backoff if it failed before. */
export function isDue(job: PrintJobView, now: Date): boolean {
  if (job.state === 'queued') return true;
  return (
    job.state === 'retry-wait' &&
    (job.nextAttemptAt === undefined || Date.parse(job.nextAttemptAt) <= now.getTime())
  );
}

/** The ticket a printer should print next, so an allergy note never waits behind a pile of receipts. */
export function nextDueJob(queue: PrintQueue, printer: string, now: Date): PrintJobView | undefined {
  let best: PrintJobView | undefined;
  for (const job of queue.jobs.values()) {
    if (job.printer !== printer || !isDue(job, now)) continue;
    if (best === undefined || comparePrintJobs(job, best) < 0) best = job;
  }
  return best;
}
