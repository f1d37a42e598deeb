import { type EventToAppend, eventToAppend, streams } from '../events.ts';
import type { Order } from '../order.ts';
import { type HoldPolicy, holdFor } from './hold-policy.ts';
import type { PrintJobView } from './print-job-view.ts';

/**
 * Lets a held ticket print now. The id names the stream version the release takes, so a release
 * repeated after a hiccup dedupes, while a ticket held again later can be released again.
 */
export function releaseEvent(
  job: Pick<PrintJobView, 'jobId' | 'version'>,
  reason: EventToAppend<'PrintJobReleased'>['data']['reason'],
): EventToAppend<'PrintJobReleased'> {
  return eventToAppend(
    'PrintJobReleased',
    streams.printJob(job.jobId),
    `print-job-released:${job.jobId}#${job.version + 1}`,
    { jobId: job.jobId, reason },
  );
}

/**
 * The guest changed their order in Wix: each held ticket follows the new slot, and prints at once
 * if the slot is now near (or the order became ASAP). Tickets already released are left alone.
 */
export function holdMovesFor(
  order: Order,
  jobs: readonly PrintJobView[],
  policy: HoldPolicy,
  now: Date,
): EventToAppend<'PrintJobScheduled' | 'PrintJobReleased'>[] {
  return jobs
    .filter((job) => job.state === 'scheduled' && !job.reprint)
    .flatMap((job): EventToAppend<'PrintJobScheduled' | 'PrintJobReleased'>[] => {
      const hold = holdFor(order, job.ticket, policy, now);
      if (hold === undefined) return [releaseEvent(job, 'order-changed')];
      if (hold.notBefore === job.notBefore && hold.slotStartsAt === job.slotStartsAt) return [];
      return [
        eventToAppend(
          'PrintJobScheduled',
          streams.printJob(job.jobId),
          `print-job-scheduled:${job.jobId}#${job.version + 1}`,
          { jobId: job.jobId, ...hold, reason: 'order changed in Wix' },
        ),
      ];
    });
}
