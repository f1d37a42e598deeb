import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, eventToAppend, type Order, streams } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  dailyFigureQueries,
  ordersView,
  printJobsView,
  sqliteViewConnection,
  startViewProjector,
} from '../src/index.ts';
import { queued } from './given-log.ts';

const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };

function restaurant() {
  let now = '2026-11-27T17:00:00.000Z';
  const store = openEventStore({
    file: join(mkdtempSync(join(tmpdir(), 'bonrelay-days-')), 'log.db'),
    clock: () => new Date(now),
  });
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views: [ordersView({ businessDay: berlin }), printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  const at = (time: string, ...events: EventToAppend[]) => {
    now = time;
    store.append(events);
    projector.flush();
  };
  return { at, days: dailyFigureQueries(connection) };
}

const order = (id: string): Order => ({
  id,
  number: id,
  source: 'wix',
  status: 'APPROVED',
  paymentStatus: 'PAID',
  createdAt: '2026-11-27T16:59:00.000Z',
  currency: 'EUR',
  fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
  customer: { firstName: 'Ada' },
  lineItems: [{ name: 'Pho bo', quantity: 1, unitPrice: 1250, linePrice: 1250, options: [] }],
  totals: { subtotal: 1250, shipping: 0, tax: 200, discount: 0, total: 1250 },
});
const received = (id: string) =>
  eventToAppend('OrderReceived', streams.order(id), `r:${id}`, { order: order(id) });

test("given a Friday evening past midnight, then the day's orders and reprints are those between its 04:00s", () => {
  const { at, days } = restaurant();
  at('2026-11-27T17:00:00.000Z', received('a'), queued('a/kitchen'));
  at('2026-11-27T18:00:00.000Z', queued('a/kitchen-again', 'kitchen', { orderId: 'a', reprint: true }));
  at('2026-11-28T01:30:00.000Z', received('b'), queued('b/bar', 'bar', { orderId: 'b', reprint: true })); // 02:30 local
  at(
    '2026-11-28T03:00:00.000Z',
    received('c'),
    queued('c/kitchen', 'kitchen', { orderId: 'c', reprint: true }),
  ); // 04:00: Saturday

  assert.is(days.ordersOn('2026-11-27'), 2);
  assert.is(days.ordersOn('2026-11-28'), 1);
  assert.is(days.ordersOn('2026-11-26'), 0, 'a day without orders has no row');
  assert.is(days.reprintedBetween('2026-11-27T03:00:00.000Z', '2026-11-28T03:00:00.000Z'), 2);
  assert.is(days.reprintedBetween('2026-11-28T03:00:00.000Z', '2026-11-29T03:00:00.000Z'), 1);
});

test.run();
