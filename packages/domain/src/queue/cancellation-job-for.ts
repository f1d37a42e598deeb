import { type EventToAppend, eventToAppend, streams } from '../events.ts';
import type { Order } from '../order.ts';
import type { TicketKind } from '../ticket.ts';
import { printJobId } from './job-ids.ts';
import type { PrintJobView } from './print-job-view.ts';
import { queueEvent } from './print-jobs-for-order.ts';

/** What cancelling needs: where the cancellation slip goes, the order's jobs as they stand, and why. */
export interface CancellationOptions {
  readonly routing: Readonly<Record<TicketKind, string>>;
  /** Every print job of the order, in the order they were queued. */
  readonly jobs: readonly PrintJobView[];
  readonly reason: string;
}

/**
 * Whether the kitchen may already be cooking: a kitchen ticket was printed, is printing, or an
 * attempt reached the printer (a jammed ticket may be half on the rail).
 */
export function kitchenTicketReached(jobs: readonly PrintJobView[]): boolean {
  return jobs.some(
    (job) =>
      job.ticket === 'kitchen' &&
      (job.state === 'printed' || job.state === 'printing' || job.attempts > 0 || job.possibleDuplicate),
  );
}

/**
 * The print side of a cancelled order. Tickets that have not gone out are withdrawn (nobody needs a
 * receipt for food that is not coming); a job mid-print cannot be recalled and is left alone. If the
 * kitchen may be cooking, a critical cancellation slip tells it to stop.
 */
export function cancellationJobFor(
  order: Order,
  printedKitchen: boolean,
  options: CancellationOptions,
): EventToAppend<'PrintJobQueued' | 'PrintJobCancelled'>[] {
  const withdrawn = options.jobs
    .filter(
      (job) =>
        job.state === 'scheduled' ||
        job.state === 'queued' ||
        job.state === 'retry-wait' ||
        job.state === 'gave-up',
    )
    .map((job) =>
      eventToAppend('PrintJobCancelled', streams.printJob(job.jobId), `print-job-cancelled:${job.jobId}`, {
        jobId: job.jobId,
        reason: options.reason,
      }),
    );
  if (!printedKitchen) return withdrawn;
  const slip = queueEvent(
    {
      jobId: printJobId(order.id, 'cancellation'),
      orderId: order.id,
      ticket: 'cancellation',
      printer: options.routing.cancellation,
      priority: 'critical',
    },
    false,
  );
  return [slip, ...withdrawn];
}
