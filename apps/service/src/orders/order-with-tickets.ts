import type { OrderView, PrintJobView } from '@bonrelay/domain';

/** An order as the API, the dashboard and SSE show it: its tickets are its print jobs, by job id. */
export type OrderWithTickets = Omit<OrderView, 'customerId'> & {
  readonly tickets: Readonly<Record<string, PrintJobView>>;
};

/**
 * Joins an order row with its jobs, so there is one ticket lifecycle (the jobs table's) and a
 * ticket's state is its job's state. `updatedAt` is the latest change to the order or any of its
 * tickets, as the dashboard always read it. The guest's pseudonym stays inside.
 */
export function orderWithTickets(view: OrderView, jobs: readonly PrintJobView[]): OrderWithTickets {
  const { customerId: _pseudonym, ...shown } = view;
  // ISO 8601 times in UTC sort as text: the last is the latest.
  const updatedAt = [view.updatedAt, ...jobs.map((job) => job.updatedAt)].sort().at(-1) as string;
  return { ...shown, updatedAt, tickets: Object.fromEntries(jobs.map((job) => [job.jobId, job])) };
}

/** Orders with their tickets, one indexed read of the jobs table per order. */
export function ordersWithTickets(
  orders: readonly OrderView[],
  jobsOfOrder: (orderId: string) => readonly PrintJobView[],
): OrderWithTickets[] {
  return orders.map((order) => orderWithTickets(order, jobsOfOrder(order.orderId)));
}
