import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { AnyDomainEvent, OrdersView } from '../src/index.ts';
import { initialOrders, listOrders, orderById, reduceOrders } from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { foldEvents } from './support/given-when-then.ts';

const event = eventLog();
const start = Date.parse('2024-05-10T10:00:00.000Z');
const log: AnyDomainEvent[] = Array.from({ length: 1200 }, (_, index) =>
  event('OrderReceived', new Date(start + index * 1000).toISOString(), {
    order: sampleOrder({ id: `o${index}` }),
  }),
);
const view: OrdersView = foldEvents(reduceOrders, initialOrders, log);
const ids = (orders: readonly { orderId: string }[]) => orders.map((order) => order.orderId);

test('given 1200 orders, when the first page is asked for, then the newest come first with a cursor', () => {
  const page = listOrders(view, { limit: 3 });
  assert.deepEqual(ids(page.orders), ['o1199', 'o1198', 'o1197']);
  assert.equal(page.next, '1197');
});

test('given a cursor, when the pages are followed to the end, then every order appears once in order', () => {
  const seen: string[] = [];
  let before: string | undefined;
  for (;;) {
    const page = listOrders(view, { limit: 250, ...(before === undefined ? {} : { before }) });
    seen.push(...ids(page.orders));
    if (page.next === null) break;
    before = page.next;
  }
  assert.equal(seen.length, 1200);
  assert.equal(seen[0], 'o1199');
  assert.equal(seen.at(-1), 'o0');
  assert.equal(new Set(seen).size, 1200);
});

test('given a page was read, when new orders arrive, then the old cursor still continues where it left off', () => {
  const page = listOrders(view, { limit: 2 });
  const grown = foldEvents(reduceOrders, view, [
    event('OrderReceived', '2024-05-10T12:00:00.000Z', { order: sampleOrder({ id: 'late' }) }),
  ]);
  assert.deepEqual(ids(listOrders(grown, { limit: 2, before: page.next ?? '' }).orders), ['o1197', 'o1196']);
  assert.deepEqual(ids(listOrders(grown, { limit: 1 }).orders), ['late']);
});

test('given an empty view or a nonsense cursor, then the list is empty or starts from the newest', () => {
  assert.deepEqual(listOrders(initialOrders, { limit: 10 }), { orders: [], next: null });
  assert.deepEqual(ids(listOrders(view, { limit: 1, before: 'garbage' }).orders), ['o1199']);
  assert.deepEqual(listOrders(view, { limit: 5, before: '0' }), { orders: [], next: null });
});

test('given an order id that collides with an object property name, then it is still not found', () => {
  assert.equal(orderById(view, 'constructor'), undefined);
  assert.equal(orderById(view, 'o42')?.ticketNumber, 43);
});

test.run();
