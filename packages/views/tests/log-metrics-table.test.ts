import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventDataByType,
  type EventToAppend,
  type EventType,
  eventToAppend,
  type Order,
  streams,
} from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  logMetricQueries,
  logMetricsView,
  ordersView,
  printJobsView,
  rebuildViews,
  sqliteViewConnection,
  startViewProjector,
} from '../src/index.ts';
import { jobEvent, queued } from './given-log.ts';

const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };
const start = Date.parse('2026-11-27T19:00:00.000Z');

/** A log whose clock the specification sets, with the jobs, orders and metrics tables written at each step. */
function restaurant() {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-log-metrics-')), 'log.db');
  let now = start;
  const store = openEventStore({ file, clock: () => new Date(now) });
  const connection = sqliteViewConnection(store.connection);
  const views = [printJobsView, ordersView({ businessDay: berlin }), logMetricsView];
  const projector = startViewProjector({
    store,
    connection,
    views,
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  const at = (seconds: number, ...events: EventToAppend[]) => {
    now = start + seconds * 1000;
    store.append(events);
    projector.flush();
  };
  const rows = () => ({
    counters: store.connection.prepare('SELECT * FROM log_counters ORDER BY counter, since').all(),
    latency: store.connection.prepare('SELECT * FROM print_latency ORDER BY ticket').all(),
    buckets: store.connection.prepare('SELECT * FROM print_latency_buckets ORDER BY ticket, le').all(),
    pending: store.connection.prepare('SELECT * FROM print_latency_pending ORDER BY job_id').all(),
  });
  return { store, connection, views, projector, at, rows, metrics: logMetricQueries(connection) };
}

function order(id: string, source: Order['source'] = 'wix'): Order {
  return {
    id,
    source,
    status: 'APPROVED',
    createdAt: new Date(start).toISOString(),
    currency: 'EUR',
    fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
    customer: {},
    lineItems: [{ name: 'Pho bo', quantity: 1, unitPrice: 1250, linePrice: 1250, options: [] }],
    totals: { subtotal: 1250, shipping: 0, tax: 0, discount: 0, total: 1250 },
  };
}
let serial = 0;
const event = <T extends EventType>(type: T, data: EventDataByType[T]) =>
  eventToAppend(type, 'log-metrics-spec', `${type}-${++serial}`, data);
const received = (id: string, source: Order['source'] = 'wix') =>
  eventToAppend('OrderReceived', streams.order(id), `OrderReceived:${id}`, { order: order(id, source) });
const printed = (jobId: string, printer = 'kitchen') =>
  jobEvent('PrintJobPrinted', { jobId, printer, attempt: 1, confirmation: 'confirmed' });
const failed = (jobId: string, failure: 'refused' | 'timeout', printer = 'kitchen') =>
  jobEvent('PrintAttemptFailed', {
    jobId,
    printer,
    attempt: 1,
    failure,
    counted: true,
    nextAttemptAt: new Date(start).toISOString(),
  });

/** An evening: webhooks in and forged, orders from three sources, tickets printed, failed, withdrawn. */
function evening(at: ReturnType<typeof restaurant>['at']) {
  at(
    0,
    event('WebhookReceived', { webhookId: 'w1', eventType: 'wix.ecom.v1.order_created' }),
    received('o1'),
    queued('o1/kitchen'),
    queued('o1/customer', 'counter', { orderId: 'o1', ticket: 'customer' }),
    event('WebhookRejected', { reason: 'bad-signature', minute: new Date(start).toISOString(), count: 3 }),
  );
  at(5, failed('o1/kitchen', 'refused'), failed('o1/kitchen', 'timeout'));
  at(90, printed('o1/kitchen'), event('OrderUnreadable', { webhookId: 'w2', reason: 'no id', body: '{}' }));
  at(
    91,
    printed('o1/customer', 'counter'),
    // Printed again (a confirmation the saga could not tell apart): the ticket is timed once.
    printed('o1/kitchen'),
    queued('o1/kitchen-reprint', 'kitchen', { orderId: 'o1', reprint: true }),
  );
  at(
    200,
    received('l1', 'local'),
    queued('l1/kitchen', 'kitchen', { orderId: 'l1' }),
    queued('l1/cancel', 'kitchen', { orderId: 'l1', ticket: 'cancellation' }),
    // Queued before its order is in the log: no receipt to time it from.
    queued('r1/kitchen', 'kitchen', { orderId: 'r1' }),
    received('r1', 'reconciliation'),
  );
  at(
    260,
    jobEvent('PrintJobCancelled', { jobId: 'l1/kitchen', reason: 'order cancelled' }),
    printed('l1/kitchen'),
    printed('o1/kitchen-reprint'),
    printed('l1/cancel'),
    printed('r1/kitchen'),
  );
}

test('given an evening, the counters are rows per label set, in the order they first happened', () => {
  const { at, rows, metrics, store } = restaurant();
  evening(at);

  const counters = rows().counters.map((row) => {
    const { counter, labels, value } = row as { counter: string; labels: string; value: number };
    return [counter, labels, value];
  });

  assert.equal(counters, [
    ['orders', '{"source":"wix"}', 1],
    ['orders', '{"source":"local"}', 1],
    ['orders', '{"source":"reconciliation"}', 1],
    ['print-attempts', '{"outcome":"refused","printer":"kitchen"}', 1],
    ['print-attempts', '{"outcome":"timeout","printer":"kitchen"}', 1],
    ['print-attempts', '{"outcome":"printed","printer":"kitchen"}', 6],
    ['print-attempts', '{"outcome":"printed","printer":"counter"}', 1],
    ['webhooks', '{"outcome":"accepted"}', 1],
    ['webhooks', '{"outcome":"rejected","reason":"bad-signature"}', 3],
    ['webhooks', '{"outcome":"unreadable"}', 1],
  ]);
  assert.equal(metrics.counter('webhooks'), [
    { labels: { outcome: 'accepted' }, value: 1 },
    { labels: { outcome: 'rejected', reason: 'bad-signature' }, value: 3 },
    { labels: { outcome: 'unreadable' }, value: 1 },
  ]);
  store.close();
});

test('given an evening, the latency histogram times first tickets from receipt to first print, and keeps no settled ticket', () => {
  const { at, rows, metrics, store } = restaurant();
  evening(at);

  assert.equal(metrics.printLatencies(), [
    {
      ticket: 'kitchen',
      buckets: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
      sumSeconds: 90,
      count: 1,
    },
    {
      ticket: 'customer',
      buckets: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
      sumSeconds: 91,
      count: 1,
    },
  ]);
  assert.equal(
    rows().buckets.filter((row) => (row as { ticket: string }).ticket === 'kitchen').length,
    12,
    'one row per bucket',
  );
  assert.equal(rows().pending, [], 'printed and withdrawn tickets leave nothing behind');
  store.close();
});

test('given a ticket still on its way, its clock survives in a row until it prints', () => {
  const { at, rows, metrics, store } = restaurant();
  at(0, received('o1'), queued('o1/kitchen'));

  assert.equal(rows().pending, [
    { job_id: 'o1/kitchen', ticket: 'kitchen', received_at: new Date(start).toISOString() },
  ]);
  at(0.25, printed('o1/kitchen'));
  assert.equal(metrics.printLatencies()[0]?.buckets[0], 1, '0.25 s is in the 0.5 s bucket');
  assert.equal(rows().pending, []);
  store.close();
});

test('given the evening written batch by batch, a rebuild in pages of one event writes the same rows', () => {
  const { at, rows, store, connection, views } = restaurant();
  evening(at);
  const live = rows();

  rebuildViews(store, connection, views, { pageSize: 1 });

  assert.equal(rows(), live);
  rebuildViews(store, connection, [logMetricsView], { pageSize: 1_000 });
  assert.equal(rows(), live, 'alone, over the other tables at the log end');
  store.close();
});

test.run();
