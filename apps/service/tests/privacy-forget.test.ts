import type { Order } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { defaultTicketLayout, renderTicket, toPlainText } from '@bonrelay/printing';
import { catchUpViews, orderQueries, ordersView, rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createViewSealer,
  erased,
  forgetCustomer,
  guestPersonalData,
  KeyringMismatchError,
  openKeyring,
  openPrivateEventStore,
} from '../src/privacy/index.ts';
import {
  fileHolds,
  localOrder,
  receivedAndApproved,
  steppingClock,
  type TempPrivateLog,
  tempPrivateLog,
} from './privacy-support/private-log.ts';

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'maria.s@example.org',
});
const mariaAgain = { ...maria, id: 'local-2', note: 'wie immer' };
const anna = localOrder('local-3', { name: 'Anna Gastmann', phone: '+49 30 1234567' });

function given(): TempPrivateLog {
  const log = tempPrivateLog();
  log.store.append([maria, mariaAgain, anna].flatMap(receivedAndApproved));
  return log;
}

const forget = (log: TempPrivateLog, query: string) =>
  forgetCustomer(
    { store: log.store, keyring: log.keyring!, clock: steppingClock('2025-03-20T10:00:00.000Z') },
    query,
  );

function orderOf(log: TempPrivateLog, orderId: string): Order {
  const [received] = log.store.readStream(`order-${orderId}`);
  if (!received) throw new Error(`no order ${orderId} in the log`);
  return (received.data as { order: Order }).order;
}

const erasedMaria = (order: Order): Order => ({
  ...order,
  customer: { firstName: erased, lastName: erased, phone: erased, email: erased },
  fulfilment: {
    ...order.fulfilment,
    address: { line: erased, city: erased, postalCode: erased, country: erased },
    instructions: erased,
  },
  note: erased,
});

test('given two guests, when one is forgotten by email, then every personal field of each of her orders reads [erased]', () => {
  const log = given();
  const report = forget(log, 'Maria.S@example.org');
  assert.equal(report.orderIds, ['local-1', 'local-2']);
  assert.equal(report.customerIds.length, 1);
  assert.equal(orderOf(log, 'local-1'), erasedMaria(maria));
  assert.equal(orderOf(log, 'local-2'), erasedMaria(mariaAgain));
  assert.equal(orderOf(log, 'local-3'), anna);
  log.done();
});

test('given a forget, then CustomerForgotten is in the log, the key row is gone and the hash chain still verifies', () => {
  const log = given();
  const [customerId] = forget(log, 'maria.s@example.org').customerIds;
  const [event] = log.store.read({ types: ['CustomerForgotten'] });
  assert.equal(event?.data, { customerId, at: '2025-03-20T10:00:00.000Z', orderIds: ['local-1', 'local-2'] });
  assert.is(event?.stream, `customer-${customerId}`);
  assert.is(log.keyring?.existingKeyFor(customerId ?? ''), undefined);
  assert.equal(log.store.verify(), { ok: true, checked: 7 });
  log.done();
});

test('given a forget, when the raw file and WAL are searched, then the wrapped data key left no trace', () => {
  const log = given();
  const customerId = log.keyring!.customerIdForQuery('maria.s@example.org');
  const row = log.store.connection
    .prepare<[string], { wrapped: string }>('SELECT wrapped FROM customer_keys WHERE customer_id = ?')
    .get(customerId);
  const wrapped = JSON.parse(row?.wrapped ?? '{}') as { data: string };
  assert.ok(fileHolds(log.file, wrapped.data), 'the wrapped key is on disk before');
  const report = forget(log, 'maria.s@example.org');
  assert.ok(report.walPurged);
  assert.not.ok(fileHolds(log.file, wrapped.data));
  log.done();
});

test('given the orders table, when a guest is forgotten, then her rows read [erased] at once, after the event and after a rebuild, and so does a reprint', () => {
  const log = given();
  const personalData = guestPersonalData(log.keyring!, createViewSealer(log.masterKey));
  const connection = sqliteViewConnection(log.store.connection);
  const views = [
    ordersView({ businessDay: { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' }, personalData }),
  ];
  catchUpViews(log.store, connection, views);
  const orders = orderQueries(connection, personalData);
  assert.equal(orders.order('local-1')?.order, maria, 'sealed with her key, the row opens while it exists');
  forget(log, '+49 171 444 55 66');
  assert.equal(
    orders.order('local-1')?.order,
    erasedMaria(maria),
    'her key is gone: the sealed row no longer opens',
  );
  catchUpViews(log.store, connection, views);
  assert.equal(orders.order('local-1')?.order, erasedMaria(maria), 'CustomerForgotten overwrote her rows');
  assert.equal(orders.order('local-2')?.order, erasedMaria(mariaAgain));
  rebuildViews(log.store, connection, views);
  assert.equal(orders.order('local-1')?.order, erasedMaria(maria), 'and a rebuild from the log agrees');
  assert.equal(orders.order('local-3')?.order, anna);
  const slip = renderTicket(
    'driver',
    orders.order('local-1')!.order,
    { ticketNumber: 1, reprint: true, printedAt: new Date('2025-03-20T10:05:00.000Z') },
    defaultTicketLayout,
  );
  assert.type(slip, 'string');
  const text = toPlainText(slip as string, { cpl: 48, encoding: 'multilingual' });
  assert.ok(text.includes(erased), text);
  for (const secret of ['Maria', 'Schmidtke', '4445566', 'Schmidtkeweg'])
    assert.not.ok(text.includes(secret), secret);
  log.done();
});

test('given a guest known by email, when forgotten by phone or by order id, then the same key is destroyed', () => {
  for (const query of ['+49 (171) 444-55-66', 'local-2']) {
    const log = given();
    const report = forget(log, query);
    assert.equal(report.orderIds, ['local-1', 'local-2'], query);
    assert.equal(orderOf(log, 'local-1'), erasedMaria(maria), query);
    log.done();
  }
});

test('given an unknown guest or one already forgotten, when forgotten, then nothing is destroyed or appended', () => {
  const log = given();
  assert.equal(forget(log, 'nobody@example.org'), { customerIds: [], orderIds: [], walPurged: true });
  forget(log, 'maria.s@example.org');
  assert.equal(forget(log, 'maria.s@example.org').customerIds, []);
  assert.is(log.store.read({ types: ['CustomerForgotten'] }).length, 1);
  assert.equal(orderOf(log, 'local-3'), anna);
  log.done();
});

function unreadableDelivery(orderId: string, body: string) {
  return {
    id: `order-unreadable:hook-${orderId}`,
    stream: `order-${orderId}`,
    type: 'OrderUnreadable',
    data: { webhookId: `hook-${orderId}`, orderId, reason: 'the order: lineItems: missing', body },
  };
}

function bodyOf(log: TempPrivateLog, orderId: string): unknown {
  const [event] = log.store.readStream(`order-${orderId}`).filter((e) => e.type === 'OrderUnreadable');
  return (event?.data as { body?: unknown } | undefined)?.body;
}

test('given an unreadable delivery of her order, when she is forgotten by email, then its raw body reads [erased] too', () => {
  const log = given();
  const body = 'eyJhbGciOiJSUzI1NiJ9.Maria-Schmidtke-raw-body.signature';
  log.store.append([unreadableDelivery('local-1', body)]);
  assert.is(bodyOf(log, 'local-1'), body, 'readable while she is known');
  assert.not.ok(fileHolds(log.file, 'Maria-Schmidtke-raw-body'), 'sealed at rest');
  forget(log, 'maria.s@example.org');
  assert.is(bodyOf(log, 'local-1'), erased);
  log.done();
});

test('given an unreadable delivery of an order never read, when forgotten by that order id, then its body reads [erased]', () => {
  const log = given();
  log.store.append([unreadableDelivery('wix-9', 'raw body of wix-9')]);
  assert.equal(forget(log, 'wix-9').orderIds, []);
  assert.is(bodyOf(log, 'wix-9'), erased);
  assert.is(bodyOf(log, 'local-1'), undefined, 'other orders have none');
  log.done();
});

test('given a forgotten guest, when she orders again, then the new order is readable and the old stay erased', () => {
  const log = given();
  forget(log, 'maria.s@example.org');
  const comeback = { ...maria, id: 'local-4' };
  log.store.append(receivedAndApproved(comeback));
  assert.equal(orderOf(log, 'local-4'), comeback);
  assert.equal(orderOf(log, 'local-1'), erasedMaria(maria));
  log.done();
});

test('given the service reading with cached keys, when another process forgets the guest, then its next read shows [erased]', () => {
  const log = given();
  assert.equal(orderOf(log, 'local-1'), maria);
  const other = openPrivateEventStore({ file: log.file, clock: steppingClock() }, log.masterKey);
  forgetCustomer(
    { store: other.store, keyring: other.keyring!, clock: steppingClock() },
    'maria.s@example.org',
  );
  other.store.close();
  assert.equal(orderOf(log, 'local-1'), erasedMaria(maria));
  log.done();
});

test('given a log written with one master key, when opened with another, then it refuses with an error naming the key', () => {
  const log = given();
  assert.throws(
    () => openPrivateEventStore({ file: log.file }, Buffer.alloc(32, 7)),
    (error: unknown) =>
      error instanceof KeyringMismatchError && error.message.includes('security.keyFile (BONRELAY_KEY_FILE)'),
  );
  log.done();
});

test('given a read-only connection, when the keyring opens, then it reads keys but makes none', () => {
  const log = given();
  const reader = openEventStore({ file: log.file, readonly: true });
  const keyring = openKeyring(reader.connection, log.masterKey);
  const customerId = keyring.customerIdForQuery('maria.s@example.org');
  assert.ok(keyring.existingKeyFor(customerId));
  assert.throws(() => keyring.dataKeyFor('cust-new'), /read-only/);
  assert.throws(() => keyring.forget(customerId), /read-only/);
  reader.close();
  log.done();
});

test.run();
