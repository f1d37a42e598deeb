import { documentedResponse, documentedRoutes } from '@bonrelay/api';
import { eventToAppend, type OfflinePeriod, type PrintJobView, streams } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { OrderWithTickets as OrderView } from '../src/orders/order-with-tickets.ts';
import { countOf, postWixOrder } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const queries = suite<{ app: TestService; orderIds: string[] }>('the read API, against the real service');

queries.before(async (context) => {
  context.app = await startTestService();
  context.orderIds = [];
  for (let n = 0; n < 5; n++) context.orderIds.push((await postWixOrder(context.app)).id);
  await eventually('every ticket printed', () => countOf(context.app, 'PrintJobPrinted') === 10);
});
queries.after(async (context) => {
  await context.app.stop();
});

async function allPages<T>(
  app: TestService,
  path: string,
  noun: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = next === null ? path : `${path}${separator}cursor=${encodeURIComponent(next)}`;
    const page = await app.json<Record<string, unknown> & { next: string | null }>(url);
    items.push(...(page[noun] as T[]));
    next = page.next;
    pages += 1;
    assert.ok(pages < 50, 'paging ends');
  } while (next !== null);
  return { items, pages };
}

queries(
  'given five orders, when GET /api/orders pages by two, then every order comes once, newest first, and next ends null',
  async ({ app, orderIds }) => {
    const first = await app.json<{ orders: OrderView[]; next: string | null }>('/api/orders?limit=2');
    assert.is(first.orders.length, 2);
    assert.type(first.next, 'string');
    const { items, pages } = await allPages<OrderView>(app, '/api/orders?limit=2', 'orders');
    assert.is(pages, 3);
    assert.equal(
      items.map((order) => order.orderId),
      [...orderIds].reverse(),
    );
    assert.equal(
      (await app.json<{ orders: OrderView[] }>('/api/orders?source=local')).orders,
      [],
      'no order was typed in locally',
    );
  },
);

queries(
  'given an order, when GET /api/orders/:id, then its tickets and its whole history in log order',
  async ({ app, orderIds }) => {
    const id = orderIds[2] as string;
    const order = await app.json<OrderView & { history: StoredEvent[] }>(`/api/orders/${id}`);
    assert.is(order.orderId, id);
    const tickets = Object.values(order.tickets);
    assert.equal(
      tickets.map((ticket) => ticket.state),
      ['printed', 'printed'],
    );
    const types = order.history.map((event) => event.type);
    assert.is(types[0], 'OrderReceived');
    assert.is(types.filter((type) => type === 'PrintJobQueued').length, 2);
    assert.is(types.filter((type) => type === 'PrintJobPrinted').length, 2);
    const positions = order.history.map((event) => event.position);
    assert.equal(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    const missing = await app.request('GET', '/api/orders/no-such-order');
    assert.is(missing.status, 404);
  },
);

queries(
  'given printed tickets, when GET /api/print-jobs?state= and other filters, then only matching jobs, paged',
  async ({ app, orderIds }) => {
    const printed = await allPages<PrintJobView>(app, '/api/print-jobs?state=printed&limit=3', 'printJobs');
    assert.is(printed.items.length, 10);
    assert.is(printed.pages, 4);
    assert.is(new Set(printed.items.map((job) => job.jobId)).size, 10);
    assert.ok(printed.items.every((job) => job.state === 'printed'));
    assert.equal((await app.json<{ printJobs: unknown[] }>('/api/print-jobs?state=queued')).printJobs, []);
    const ofOne = await app.json<{ printJobs: PrintJobView[] }>(`/api/print-jobs?order=${orderIds[0]}`);
    assert.equal(ofOne.printJobs.map((job) => job.ticket).sort(), ['customer', 'kitchen']);
    assert.is(
      (await app.json<{ printJobs: unknown[] }>('/api/print-jobs?printer=printer')).printJobs.length,
      10,
    );
  },
);

queries(
  'given the log, when GET /api/events pages through it, then each event comes once in position order',
  async ({ app }) => {
    const last = app.service.store.lastPosition();
    const { items } = await allPages<StoredEvent>(app, '/api/events?limit=7', 'events');
    const upToLast = items.filter((event) => event.position <= last);
    assert.equal(
      upToLast.map((event) => event.position),
      Array.from({ length: last }, (_, index) => index + 1),
    );
    const received = await app.json<{ events: StoredEvent[] }>('/api/events?type=OrderReceived&limit=500');
    assert.is(received.events.length, 5);
    const after = await app.json<{ events: StoredEvent[] }>(`/api/events?after=${last - 1}&limit=1`);
    assert.is(after.events[0]?.position, last);
  },
);

queries(
  'given a bar printer down three times, when GET /api/offline-periods pages by two, then each outage comes once, oldest first',
  async ({ app }) => {
    const bar = (to: 'offline' | 'online', n: number) =>
      eventToAppend('PrinterStatusChanged', streams.printer('bar'), `bar-${to}-${n}`, {
        printer: 'bar',
        from: to === 'offline' ? 'online' : 'offline',
        to,
        reason: 'spec',
      });
    for (let n = 0; n < 3; n++) app.service.store.append([bar('offline', n), bar('online', n)]);
    const { items, pages } = await allPages<OfflinePeriod>(
      app,
      '/api/offline-periods?component=printer:bar&limit=2',
      'offlinePeriods',
    );
    assert.is(pages, 2);
    assert.is(items.length, 3);
    assert.ok(items.every((period, n) => n === 0 || period.start >= (items[n - 1] as OfflinePeriod).start));
    assert.ok(items.every((period) => period.component === 'printer:bar' && period.end !== undefined));
  },
);

queries('given bad queries, then 400 bad-query naming the problem, never a 5xx', async ({ app }) => {
  for (const path of [
    '/api/orders?limit=0',
    '/api/orders?colour=red',
    `/api/print-jobs?state=${'x'.repeat(300)}`,
    '/api/events?limit=abc',
    '/api/offline-periods?limit=100000',
  ]) {
    const response = await app.request('GET', path);
    assert.is(response.status, 400, path);
    assert.is(((await response.json()) as { error: string }).error, 'bad-query', path);
  }
});

/** Sends a request to the real service and checks its answer against what the document promises. */
async function answersAsDocumented(
  app: TestService,
  method: string,
  template: string,
  path: string,
  body?: string | object,
): Promise<number> {
  const response = await app.request(method.toUpperCase(), path, body);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, path);
  const schema = documentedResponse(method, template, response.status);
  assert.ok(schema, `${method} ${template} documents ${response.status}`);
  const checked = schema?.safeParse(await response.json());
  assert.ok(checked?.success, `${method} ${path} → ${response.status}: ${checked?.error?.message}`);
  return response.status;
}

queries(
  'given /openapi.json from the service, then it documents every route, and each GET answers what its schema says',
  async ({ app, orderIds }) => {
    const document = await app.json<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json');
    assert.equal(
      Object.keys(document.paths).sort(),
      [...new Set(documentedRoutes.map((route) => route.path))].sort(),
    );
    for (const route of documentedRoutes.filter((candidate) => candidate.method === 'get')) {
      for (const id of [orderIds[0] as string, 'no-such-order']) {
        const path = route.path.replace('{id}', id);
        const status = await answersAsDocumented(app, 'get', route.path, path);
        assert.ok([200, 404].includes(status), `${path} → ${status}`);
      }
    }
    const job = (await app.json<{ printJobs: PrintJobView[] }>('/api/print-jobs?limit=1')).printJobs[0];
    assert.ok(job, 'a print job to retry');
    const retry = `/print-jobs/${encodeURIComponent(job?.jobId ?? '')}/retry`;
    assert.is(await answersAsDocumented(app, 'post', '/print-jobs/{id}/retry', retry), 409);
    assert.is(await answersAsDocumented(app, 'post', '/orders', '/orders', { currency: 'EUR' }), 422);
    assert.is(await answersAsDocumented(app, 'post', '/connectivity/check', '/connectivity/check'), 200);
    const reconciled = await answersAsDocumented(app, 'post', '/commands/reconcile', '/commands/reconcile');
    assert.ok([200, 503].includes(reconciled));
  },
);

queries(
  'given a local order on top of Wix orders, when GET /api/orders filters by source or ticket state, then each page is full of matches',
  async ({ app, orderIds }) => {
    const created = await app.request('POST', '/orders', {
      currency: 'EUR',
      fulfilment: { kind: 'pickup' },
      lineItems: [{ name: 'Tiramisu', quantity: 1, unitPrice: 650 }],
    });
    const { orderId } = (await created.json()) as { orderId: string };
    await eventually('the local tickets printed', () => countOf(app, 'PrintJobPrinted') === 12);
    const wix = await app.json<{ orders: OrderView[]; next: string | null }>(
      '/api/orders?source=wix&limit=2',
    );
    assert.equal(
      wix.orders.map((order) => order.orderId),
      [orderIds[4], orderIds[3]],
    );
    const allWix = await allPages<OrderView>(app, '/api/orders?source=wix&limit=2', 'orders');
    assert.is(allWix.items.length, 5);
    const local = await app.json<{ orders: OrderView[]; next: string | null }>(
      '/api/orders?source=local&limit=1',
    );
    assert.equal(
      local.orders.map((order) => order.orderId),
      [orderId],
    );
    assert.equal((await app.json<{ orders: unknown[] }>('/api/orders?state=gave-up')).orders, []);
    const printed = await allPages<OrderView>(app, '/api/orders?state=printed&limit=4', 'orders');
    assert.is(printed.items.length, 6);
  },
);

queries(
  'given the real service, when orders, reprints and a test ticket are sent, then each answer is what its schema says and the orders read back still are',
  async ({ app }) => {
    const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
    assert.is(await answersAsDocumented(app, 'post', '/webhooks/wix', '/webhooks/wix', jwt), 200);
    const created = await app.request('POST', '/orders', {
      currency: 'EUR',
      fulfilment: { kind: 'delivery', address: { line: 'Hauptstraße 1' } },
      customer: { firstName: 'Ada', email: 'ada@example.org' },
      lineItems: [
        { name: 'Tiramisu', quantity: 1, unitPrice: 650, options: [{ name: 'Extra', value: 'cream' }] },
      ],
    });
    assert.is(created.status, 201);
    const { orderId } = (await created.json()) as { orderId: string };
    const reprint = `/orders/${orderId}/reprint`;
    assert.is(
      await answersAsDocumented(app, 'post', '/orders/{id}/reprint', reprint, { tickets: ['kitchen'] }),
      202,
    );
    assert.is(await answersAsDocumented(app, 'post', '/print-jobs/test', '/print-jobs/test'), 202);
    assert.is(await answersAsDocumented(app, 'get', '/api/orders/{id}', `/api/orders/${orderId}`), 200);
    assert.is(await answersAsDocumented(app, 'get', '/api/orders', '/api/orders?limit=500'), 200);
    assert.is(await answersAsDocumented(app, 'get', '/api/print-jobs', '/api/print-jobs?limit=500'), 200);
    assert.is(await answersAsDocumented(app, 'get', '/api/events', '/api/events?limit=500'), 200);
    assert.is(await answersAsDocumented(app, 'get', '/offline/queue/status', '/offline/queue/status'), 200);
  },
);

queries.run();
