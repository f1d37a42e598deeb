import type { BonrelayPorts, ListQuery, Page } from '@bonrelay/api';
import {
  connectivityMode,
  connectivityWarnings,
  listOrders,
  type OfflineComponent,
  type OrdersView,
  type OrderView,
  orderById,
} from '@bonrelay/domain';
import type { EventStore, StoredEvent } from '@bonrelay/event-store';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';

type QueryPorts = Pick<
  BonrelayPorts,
  | 'listOrders'
  | 'orderById'
  | 'listPrintJobs'
  | 'queueStatus'
  | 'connectivityStatus'
  | 'connectivityEvents'
  | 'offlinePeriods'
  | 'listEvents'
>;

function isoOrUndefined(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(String(value));
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function eventPage(store: EventStore, query: ListQuery, types?: readonly string[]): Page<StoredEvent> {
  const after = Number.parseInt(String(query.cursor ?? query.after ?? '0'), 10) || 0;
  const typeFilter = types ?? (query.type ? String(query.type).split(',') : undefined);
  const events = store.read({
    after,
    limit: query.limit,
    ...(typeFilter ? { types: typeFilter } : {}),
    ...(isoOrUndefined(query.from) ? { from: isoOrUndefined(query.from) } : {}),
    ...(isoOrUndefined(query.to) ? { to: isoOrUndefined(query.to) } : {}),
  });
  const last = events[events.length - 1];
  return { items: events, next: events.length === query.limit && last ? String(last.position) : null };
}

function orderMatches(order: OrderView, query: ListQuery): boolean {
  if (query.source && order.source !== query.source) return false;
  if (query.state && !Object.values(order.tickets).some((ticket) => ticket.state === query.state))
    return false;
  return true;
}

/**
 * Newest orders first, filtered by source and by ticket state (an order matches when one of its
 * tickets is in that state). Filtering happens while paging, so a page is full of matches and the
 * cursor continues right after the last one given.
 */
function filteredOrders(view: OrdersView, query: ListQuery): Page<OrderView> {
  const items: OrderView[] = [];
  let before = query.cursor;
  for (;;) {
    const page = listOrders(view, { limit: query.limit, ...(before ? { before } : {}) });
    for (const order of page.orders) {
      if (!orderMatches(order, query)) continue;
      items.push(order);
      if (items.length === query.limit)
        return { items, next: order.sequence > 0 ? String(order.sequence) : null };
    }
    if (page.next === null) return { items, next: null };
    before = page.next;
  }
}

/** The read-only side: answers from the views (the tables through their indexes, the orders in memory). */
export function queryPorts(store: EventStore, views: BonrelayViews, clock: () => Date): QueryPorts {
  return {
    listOrders: (query) => filteredOrders(views.orders.state(), query),
    orderById: (id) => {
      const order = orderById(views.orders.state(), id);
      if (!order) return undefined;
      const history = store.readStream(`order-${id}`);
      const jobs = Object.keys(order.tickets).flatMap((jobId) => store.readStream(`print-job-${jobId}`));
      return { ...order, history: [...history, ...jobs].sort((a, b) => a.position - b.position) };
    },
    listPrintJobs: (query) => {
      const before = query.cursor === undefined ? undefined : Number.parseInt(query.cursor, 10);
      const jobs = views.jobs.list({
        limit: query.limit,
        ...(query.state ? { state: String(query.state) } : {}),
        ...(query.printer ? { printer: String(query.printer) } : {}),
        ...(query.order ? { order: String(query.order) } : {}),
        ...(before !== undefined && Number.isFinite(before) ? { before } : {}),
      });
      const last = jobs[jobs.length - 1];
      return { items: jobs, next: jobs.length === query.limit && last ? String(last.sequence) : null };
    },
    queueStatus: () => views.jobs.summary(clock()),
    connectivityStatus: () => {
      const view = views.connectivity.status();
      return {
        mode: connectivityMode(view),
        warnings: connectivityWarnings(view),
        printers: Object.values(view.printers),
        internet: view.internet,
      };
    },
    connectivityEvents: (query) =>
      eventPage(store, query, ['PrinterStatusChanged', 'InternetStatusChanged', 'PrinterBreakerChanged']),
    offlinePeriods: (query) => {
      const after = query.cursor === undefined ? undefined : Number.parseInt(query.cursor, 10);
      const page = views.connectivity.offlinePeriods({
        ...(isoOrUndefined(query.from) ? { from: isoOrUndefined(query.from) } : {}),
        ...(isoOrUndefined(query.to) ? { to: isoOrUndefined(query.to) } : {}),
        ...(query.component ? { component: String(query.component) as OfflineComponent } : {}),
        ...(after !== undefined && Number.isFinite(after) ? { after } : {}),
        limit: query.limit,
        now: clock().toISOString(),
      });
      return { items: page.periods, next: page.next === null ? null : String(page.next) };
    },
    listEvents: (query) => eventPage(store, query),
  };
}
