import type { EventToAppend, Order } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import type { Config } from '../../../../apps/service/src/config/index.ts';
import { arrivalEvents, guestOrder, printedEvents } from './restaurant-orders.ts';

/** What a history holds: tickets printed, the orders they came from, the events in the log. */
export interface PrintHistory {
  readonly jobs: number;
  readonly orders: number;
  readonly events: number;
}

/**
 * Writes a restaurant's past into a fresh log until `jobs` tickets have been printed: orders one
 * minute apart ending now (four in ten deliveries with three tickets, the rest two), each ticket
 * started and printed at the first try. Setup, not measured, so it is built for speed: ten
 * normalised orders are cloned under fresh ids, appended in batches of `batch` events with
 * synchronous=OFF.
 */
export function writePrintHistory(
  file: string,
  config: Config,
  printer: string,
  jobs: number,
  batch = 20_000,
): PrintHistory {
  const minute = 60_000;
  const start = Date.now() - Math.ceil(jobs / 2.4) * minute;
  let now = start;
  const store = openEventStore({ file, clock: () => new Date(now) });
  store.connection.pragma('synchronous = OFF');
  const templates: Order[] = Array.from({ length: 10 }, (_, index) =>
    guestOrder(new Date(start).toISOString(), index < 4),
  );
  let printed = 0;
  let orders = 0;
  let events = 0;
  let pending: EventToAppend[] = [];
  while (printed < jobs) {
    now = start + orders * minute;
    const template = templates[orders % templates.length] as Order;
    const order: Order = {
      ...template,
      id: `history-${orders}`,
      number: String(100_000 + orders),
      createdAt: new Date(now).toISOString(),
    };
    orders += 1;
    const arrival = arrivalEvents(order, config, [printer]).slice(0, 1 + jobs - printed);
    pending.push(...arrival);
    for (const event of arrival.slice(1)) {
      pending.push(...printedEvents((event.data as { jobId: string }).jobId, printer, 1));
      printed += 1;
    }
    if (pending.length >= batch || printed >= jobs) {
      events += store.append(pending).appended.length;
      pending = [];
    }
  }
  store.close();
  return { jobs: printed, orders, events };
}
