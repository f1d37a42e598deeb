import {
  cancellationJobFor,
  type EventToAppend,
  holdMovesFor,
  kitchenTicketReached,
  type Order,
  type OrderView,
  type PrintJobOptions,
  type PrintJobView,
  printJobsForOrder,
} from '@bonrelay/domain';

export interface OrderConsequenceContext {
  readonly jobs: PrintJobOptions;
  /** Every print job of an order, from the jobs table. */
  readonly jobsOfOrder: (orderId: string) => PrintJobView[];
  /** An order as the orders table holds it, current with everything appended so far. */
  readonly order: (orderId: string) => OrderView | undefined;
  /** Whether a pre-order's slot is far enough ahead to hold its kitchen ticket is judged now. */
  readonly clock: () => Date;
}

function approved(order: Order): boolean {
  return order.status.toUpperCase() === 'APPROVED';
}

/**
 * What order events mean for the printers, decided before the append so both commit in one
 * transaction: an approved order queues its tickets (ids are deterministic, so a redelivery or the
 * created + approved pair queue nothing twice), a pre-order's held until prep time; a change moves
 * the hold with the slot; a cancellation withdraws tickets not yet printed and tells the kitchen to
 * stop if it may be cooking.
 */
export function orderConsequences(
  events: readonly EventToAppend[],
  context: OrderConsequenceContext,
): EventToAppend[] {
  const follow: EventToAppend[] = [];
  for (const event of events) {
    if (event.type === 'OrderReceived') {
      const { order } = event.data as EventToAppend<'OrderReceived'>['data'];
      if (approved(order)) follow.push(...printJobsForOrder(order, context.jobs, context.clock()));
    } else if (event.type === 'OrderApproved') {
      const { order } = event.data as EventToAppend<'OrderApproved'>['data'];
      follow.push(...printJobsForOrder({ ...order, status: 'APPROVED' }, context.jobs, context.clock()));
    } else if (event.type === 'OrderUpdated') {
      const { orderId, order } = event.data as EventToAppend<'OrderUpdated'>['data'];
      const { hold } = context.jobs;
      if (hold === undefined || !context.order(orderId)) continue;
      follow.push(...holdMovesFor(order, context.jobsOfOrder(orderId), hold, context.clock()));
    } else if (event.type === 'OrderCanceled') {
      const { orderId, reason } = event.data as EventToAppend<'OrderCanceled'>['data'];
      const known = context.order(orderId);
      if (!known) continue;
      const jobs = context.jobsOfOrder(orderId);
      follow.push(
        ...cancellationJobFor(known.order, kitchenTicketReached(jobs), {
          routing: context.jobs.routing,
          jobs,
          reason: reason ?? 'canceled in Wix',
        }),
      );
    }
  }
  return follow;
}
