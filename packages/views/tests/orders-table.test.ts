import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventDataByType,
  type EventToAppend,
  erasedValues,
  eventToAppend,
  type Order,
  type PersonalValues,
  streams,
} from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  orderQueries,
  ordersView,
  type PersonalDataSealer,
  printJobsView,
  rebuildViews,
  sqliteViewConnection,
  startViewProjector,
} from '../src/index.ts';
import { jobEvent, queued } from './given-log.ts';

const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };

/**
 * Guest keys as the service keeps them, in miniature: sealed fields open while the guest's key
 * exists; once it is destroyed, every field the row had reads [erased].
 */
function guestKeys() {
  const keys = new Set<string>();
  const sealer: PersonalDataSealer = {
    seal: (values, guest) => {
      const fields = Object.keys(values);
      if (!guest.customerId || !keys.has(guest.customerId)) return JSON.stringify({ fields });
      const box = Buffer.from(JSON.stringify(values)).toString('base64');
      return JSON.stringify({ fields, key: guest.customerId, box });
    },
    open: (stored, guest) => {
      const { fields, key, box } = JSON.parse(stored) as { fields: string[]; key?: string; box?: string };
      if (box === undefined || key === undefined || key !== guest.customerId || !keys.has(key))
        return erasedValues(fields);
      return JSON.parse(Buffer.from(box, 'base64').toString()) as PersonalValues;
    },
  };
  return { keys, sealer };
}

/** A log whose clock the specification sets, with the orders and jobs tables written at each step. */
function restaurant(personalData?: PersonalDataSealer) {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-orders-')), 'log.db');
  let now = '2026-11-27T17:00:00.000Z';
  const store = openEventStore({ file, clock: () => new Date(now) });
  const connection = sqliteViewConnection(store.connection);
  const views = [
    ordersView({ businessDay: berlin, ...(personalData ? { personalData } : {}) }),
    printJobsView,
  ];
  const projector = startViewProjector({
    store,
    connection,
    views,
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  const orders = orderQueries(connection, personalData);
  const at = (time: string, ...events: EventToAppend[]) => {
    now = time;
    store.append(events);
    projector.flush();
  };
  return { store, connection, views, orders, at, projector };
}

function guestOrder(id: string, overrides: Partial<Order> = {}): Order {
  return {
    id,
    number: `10${id.replace(/\D/g, '').padStart(3, '0')}`,
    source: 'wix',
    status: 'APPROVED',
    paymentStatus: 'NOT_PAID',
    createdAt: '2026-11-27T16:59:00.000Z',
    currency: 'EUR',
    fulfilment: {
      kind: 'delivery',
      wanted: { kind: 'asap' },
      address: { line: 'Torstraße 1', city: 'Berlin' },
      instructions: 'Hinterhof',
    },
    customer: { firstName: 'Anna', lastName: 'Gastmann', phone: '+49 30 1234567' },
    lineItems: [{ name: 'Pho bo', quantity: 1, unitPrice: 1250, linePrice: 1250, options: [] }],
    totals: { subtotal: 1250, shipping: 0, tax: 200, discount: 0, total: 1250 },
    note: 'extra scharf',
    ...overrides,
  };
}

const orderEvent = <
  T extends
    | 'OrderReceived'
    | 'OrderApproved'
    | 'OrderUpdated'
    | 'OrderCanceled'
    | 'OrderPaymentStatusChanged',
>(
  type: T,
  orderId: string,
  data: EventDataByType[T],
  serial = '',
) => eventToAppend(type, streams.order(orderId), `${type}:${orderId}${serial}`, data);

const received = (id: string, overrides: Partial<Order> = {}, customerId?: string) =>
  orderEvent('OrderReceived', id, {
    order: guestOrder(id, overrides),
    ...(customerId ? { customerId } : {}),
  });

test('given a Berlin evening past midnight, then ticket numbers run on until 04:00 and the next day starts at #1', () => {
  const { at, orders, connection } = restaurant();
  at('2026-11-27T17:00:00.000Z', received('a')); // 18:00 local
  at('2026-11-27T22:30:00.000Z', received('b')); // 23:30
  at('2026-11-28T00:30:00.000Z', received('c'), received('d')); // 01:30 the next morning
  at('2026-11-28T02:59:59.000Z', received('e')); // 03:59:59 local
  at('2026-11-28T03:00:00.000Z', received('f')); // 04:00: a new business day
  // A second receipt of a known order (another event id: the log could not dedupe it) takes no number.
  at('2026-11-28T03:00:01.000Z', orderEvent('OrderReceived', 'a', { order: guestOrder('a') }, ':again'));
  const numbers = [...orders.recent(10)]
    .reverse()
    .map((o) => `${o.businessDay} #${o.ticketNumber} ${o.orderId}`);
  assert.equal(numbers, [
    '2026-11-27 #1 a',
    '2026-11-27 #2 b',
    '2026-11-27 #3 c',
    '2026-11-27 #4 d',
    '2026-11-27 #5 e',
    '2026-11-28 #1 f',
  ]);
  assert.equal(connection.prepare('SELECT * FROM business_days ORDER BY business_day').all(), [
    { business_day: '2026-11-27', last_ticket_number: 5 },
    { business_day: '2026-11-28', last_ticket_number: 1 },
  ]);
  assert.is(orders.count(), 6);
});

test('given an order, when Wix approves, updates, marks it paid and it is cancelled, then its row follows', () => {
  const { at, orders } = restaurant();
  at('2026-11-27T17:00:00.000Z', received('o1', { status: 'INITIALIZED' }));
  const first = orders.order('o1');
  assert.is(first?.status, 'INITIALIZED');
  assert.is(first?.ticketNumber, 1);
  assert.equal(first?.order, guestOrder('o1', { status: 'INITIALIZED' }), 'the order reads back whole');
  at(
    '2026-11-27T17:01:00.000Z',
    orderEvent('OrderApproved', 'o1', { orderId: 'o1', order: guestOrder('o1') }),
    orderEvent('OrderUpdated', 'o1', { orderId: 'o1', order: guestOrder('o1', { note: 'ohne Koriander' }) }),
  );
  at(
    '2026-11-27T17:02:00.000Z',
    orderEvent('OrderPaymentStatusChanged', 'o1', { orderId: 'o1', paymentStatus: 'PAID' }),
  );
  const paid = orders.order('o1');
  assert.is(paid?.status, 'APPROVED');
  assert.is(paid?.paymentStatus, 'PAID');
  assert.is(paid?.order.note, 'ohne Koriander');
  assert.is(paid?.updatedAt, '2026-11-27T17:02:00.000Z');
  at(
    '2026-11-27T17:03:00.000Z',
    orderEvent('OrderCanceled', 'o1', { orderId: 'o1', reason: 'guest called' }),
  );
  at(
    '2026-11-27T17:04:00.000Z',
    orderEvent(
      'OrderUpdated',
      'o1',
      { orderId: 'o1', order: guestOrder('o1', { status: 'APPROVED' }) },
      ':late',
    ),
  );
  const canceled = orders.order('o1');
  assert.is(canceled?.status, 'CANCELED');
  assert.is(canceled?.canceled, true);
  assert.is(canceled?.cancelReason, 'guest called');
  assert.is(orders.order('ghost'), undefined);
  assert.ok(orders.exists('o1'));
  assert.not.ok(orders.exists('ghost'));
});

test('given sealed guests, when one is forgotten, then her rows read [erased] in every personal field, the food stays', () => {
  const { keys, sealer } = guestKeys();
  keys.add('cust-anna');
  keys.add('cust-ben');
  const { at, orders, connection } = restaurant(sealer);
  at(
    '2026-11-27T17:00:00.000Z',
    received('o1', {}, 'cust-anna'),
    received('o2', { note: 'wie immer' }, 'cust-anna'),
    received('o3', { customer: { firstName: 'Ben' } }, 'cust-ben'),
  );
  assert.is(orders.order('o1')?.order.customer.lastName, 'Gastmann');
  const stored = connection.prepare<{ order_data: string }>('SELECT order_data FROM orders').all();
  assert.not.ok(
    stored.some((row) => /Gastmann|Torstraße|scharf|Hinterhof|1234567/.test(row.order_data)),
    'the order JSON beside the sealed column names nobody',
  );

  keys.delete('cust-anna');
  const unreadable = orders.order('o2')?.order;
  assert.is(unreadable?.customer.lastName, '[erased]', 'a destroyed key leaves nothing readable');
  at(
    '2026-11-27T18:00:00.000Z',
    eventToAppend('CustomerForgotten', 'customer-cust-anna', 'forgotten:anna', {
      customerId: 'cust-anna',
      at: '2026-11-27T18:00:00.000Z',
      orderIds: ['o1', 'o2'],
    }),
  );
  const o1 = orders.order('o1')?.order;
  assert.equal(o1?.customer, {
    firstName: '[erased]',
    lastName: '[erased]',
    phone: '[erased]',
  });
  assert.equal(o1?.fulfilment.address, { line: '[erased]', city: '[erased]' });
  assert.is(o1?.fulfilment.instructions, '[erased]');
  assert.is(o1?.note, '[erased]');
  assert.equal(o1?.lineItems, guestOrder('o1').lineItems);
  assert.is(orders.order('o1')?.updatedAt, '2026-11-27T18:00:00.000Z');
  const column = connection
    .prepare<{ personal: string }>("SELECT personal FROM orders WHERE order_id = 'o1'")
    .get()?.personal;
  assert.not.match(column ?? '', /box/, 'the sealed box was overwritten, not kept');
  assert.is(orders.order('o3')?.order.customer.firstName, 'Ben');
});

test('given orders from three sources with tickets in several states, then pages are full of matches, newest first', () => {
  const { at, orders } = restaurant();
  const sources = ['wix', 'local', 'wix', 'reconciliation', 'wix', 'local', 'wix'] as const;
  sources.forEach((source, n) => {
    at(`2026-11-27T17:0${n}:00.000Z`, received(`o${n}`, { source }), queued(`o${n}/kitchen`));
  });
  at(
    '2026-11-27T17:10:00.000Z',
    ...[1, 4, 6].flatMap((n) => [
      jobEvent('PrintAttemptStarted', { jobId: `o${n}/kitchen`, printer: 'kitchen', attempt: 1 }),
      jobEvent('PrintJobPrinted', {
        jobId: `o${n}/kitchen`,
        printer: 'kitchen',
        attempt: 1,
        confirmation: 'confirmed',
      }),
    ]),
  );
  const ids = (page: { orders: readonly { orderId: string }[] }) => page.orders.map((o) => o.orderId);

  const first = orders.list({ limit: 3 });
  assert.equal(ids(first), ['o6', 'o5', 'o4']);
  assert.is(first.next, orders.order('o4')?.sequence);
  const second = orders.list({ limit: 3, before: first.next ?? 0 });
  assert.equal(ids(second), ['o3', 'o2', 'o1']);
  const last = orders.list({ limit: 3, before: second.next ?? 0 });
  assert.equal(ids(last), ['o0']);
  assert.is(last.next, null);

  const wix = orders.list({ limit: 2, source: 'wix' });
  assert.equal(ids(wix), ['o6', 'o4']);
  assert.equal(ids(orders.list({ limit: 2, source: 'wix', before: wix.next ?? 0 })), ['o2', 'o0']);
  assert.equal(ids(orders.list({ limit: 5, state: 'printed' })), ['o6', 'o4', 'o1']);
  assert.equal(ids(orders.list({ limit: 1, state: 'queued', source: 'local' })), ['o5']);
  assert.equal(ids(orders.list({ limit: 5, state: 'gave-up' })), []);

  at('2026-11-27T17:20:00.000Z', received('late'));
  assert.equal(
    ids(orders.list({ limit: 3, before: first.next ?? 0 })),
    ['o3', 'o2', 'o1'],
    'a new order does not shift a cursor',
  );
  assert.equal(ids(orders.list({ limit: 1 })), ['late']);
});

test('given a log, when the orders tables are dropped and rebuilt, then every row is the same', () => {
  const { keys, sealer } = guestKeys();
  keys.add('cust-anna');
  const { at, connection, store, views, projector } = restaurant(sealer);
  at('2026-11-27T17:00:00.000Z', received('o1', {}, 'cust-anna'), received('o2'));
  at(
    '2026-11-28T03:30:00.000Z',
    received('o3', {}, 'cust-anna'),
    orderEvent('OrderCanceled', 'o2', { orderId: 'o2' }),
  );
  projector.stop();
  const snapshot = () => ({
    orders: orderQueries(connection, sealer).recent(10),
    days: connection.prepare('SELECT * FROM business_days ORDER BY business_day').all(),
  });
  const live = snapshot();
  rebuildViews(store, connection, views, { pageSize: 2 });
  assert.equal(snapshot(), live);
});

test.run();
