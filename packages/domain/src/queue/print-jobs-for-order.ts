import { type EventToAppend, eventToAppend, streams } from '../events.ts';
import type { Order } from '../order.ts';
import { priorityOf } from '../priority/priority-of.ts';
import type { PriorityRules } from '../priority/priority-rules.ts';
import { orderTicketKinds, type Priority, type TicketKind } from '../ticket.ts';
import { type Hold, type HoldPolicy, holdFor } from './hold-policy.ts';
import { printJobId } from './job-ids.ts';

/** Which printer prints which ticket, which tickets the restaurant wants, and what is urgent. */
export interface PrintJobOptions {
  readonly routing: Readonly<Record<TicketKind, string>>;
  readonly enabledTickets: readonly TicketKind[];
  readonly rules: PriorityRules;
  /** Pre-orders: which tickets wait for prep time (none when absent). */
  readonly hold?: HoldPolicy;
}

/** Builds the one queue event for a job; its event id is derived from the job id, so it dedupes. */
export function queueEvent(
  job: { jobId: string; orderId: string; ticket: TicketKind; printer: string; priority: Priority },
  reprint: boolean,
  hold?: Hold,
): EventToAppend<'PrintJobQueued'> {
  return eventToAppend('PrintJobQueued', streams.printJob(job.jobId), `print-job-queued:${job.jobId}`, {
    ...job,
    reprint,
    ...hold,
  });
}

/**
 * The tickets an accepted order needs: kitchen, customer, and a driver slip for deliveries, each
 * only if the restaurant enabled it. Ids are deterministic so a redelivered order queues nothing new.
 * A pre-order's kitchen ticket (and whatever else the policy holds) is queued held until prep time,
 * judged from `now`; the hold is part of the queue event, so no reader ever sees it printable early.
 */
export function printJobsForOrder(
  order: Order,
  options: PrintJobOptions,
  now?: Date,
): EventToAppend<'PrintJobQueued'>[] {
  const priority = priorityOf(order, options.rules);
  return orderTicketKinds
    .filter((ticket) => options.enabledTickets.includes(ticket))
    .filter((ticket) => ticket !== 'driver' || order.fulfilment.kind === 'delivery')
    .map((ticket) =>
      queueEvent(
        {
          jobId: printJobId(order.id, ticket),
          orderId: order.id,
          ticket,
          printer: options.routing[ticket],
          priority,
        },
        false,
        options.hold && now ? holdFor(order, ticket, options.hold, now) : undefined,
      ),
    );
}
