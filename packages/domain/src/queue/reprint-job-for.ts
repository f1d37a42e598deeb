import type { EventToAppend } from '../events.ts';
import type { Order } from '../order.ts';
import { priorityOf } from '../priority/priority-of.ts';
import type { PriorityRules } from '../priority/priority-rules.ts';
import type { TicketKind } from '../ticket.ts';
import { reprintJobId } from './job-ids.ts';
import type { PrintJobView } from './print-job-view.ts';
import { queueEvent } from './print-jobs-for-order.ts';

/** Where reprints go today (the routing may have changed since the first print) and what is urgent. */
export interface ReprintOptions {
  readonly routing: Readonly<Record<TicketKind, string>>;
  readonly rules: PriorityRules;
}

/**
 * Queues the n-th reprint a person asked for, as a new job flagged `reprint` so the ticket says so.
 * From a job it keeps that job's priority; from an order it works the priority out again.
 */
export function reprintJobFor(
  from: PrintJobView | Order,
  ticket: TicketKind,
  n: number,
  options: ReprintOptions,
): EventToAppend<'PrintJobQueued'> {
  const isJob = 'jobId' in from;
  const orderId = isJob ? from.orderId : from.id;
  const priority = isJob ? from.priority : priorityOf(from, options.rules);
  return queueEvent(
    { jobId: reprintJobId(orderId, ticket, n), orderId, ticket, printer: options.routing[ticket], priority },
    true,
  );
}
