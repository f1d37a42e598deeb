import type { BonrelayPorts, ListQuery, Page } from '@bonrelay/api';
import { connectivityMode, connectivityWarnings, type OfflineComponent } from '@bonrelay/domain';
import type { EventStore, StoredEvent } from '@bonrelay/event-store';
import { ordersWithTickets, orderWithTickets } from '../orders/order-with-tickets.ts';
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

function cursorOf(query: ListQuery): number | undefined {
  const before = query.cursor === undefined ? undefined : Number.parseInt(query.cursor, 10);
  return before !== undefined && Number.isFinite(before) ? before : undefined;
}

/** The read-only side: answers from the views' tables, through their indexes. */
export function queryPorts(store: EventStore, views: BonrelayViews, clock: () => Date): QueryPorts {
  return {
    listOrders: (query) => {
      // Newest first, filtered in SQL (an order matches a ticket state when one of its jobs is in
      // it), so a page is full of matches and the cursor continues right after the last one given.
      const before = cursorOf(query);
      const page = views.orders.list({
        limit: query.limit,
        ...(query.source ? { source: String(query.source) } : {}),
        ...(query.state ? { state: String(query.state) } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      return {
        items: ordersWithTickets(page.orders, views.jobs.jobsOfOrder),
        next: page.next === null ? null : String(page.next),
      };
    },
    orderById: (id) => {
      const order = views.orders.order(id);
      if (!order) return undefined;
      const jobs = views.jobs.jobsOfOrder(id);
      const history = [
        ...store.readStream(`order-${id}`),
        ...jobs.flatMap((job) => store.readStream(`print-job-${job.jobId}`)),
      ];
      return { ...orderWithTickets(order, jobs), history: history.sort((a, b) => a.position - b.position) };
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
      eventPage(store, query, [
        'PrinterStatusChanged',
        'InternetStatusChanged',
        'PrinterBreakerChanged',
        'WebhookPathStatusChanged',
      ]),
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
