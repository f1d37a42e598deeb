import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { AnyDomainEvent } from '../src/index.ts';
import {
  businessDayOf,
  businessDayStartsAt,
  checkBusinessDayConfig,
  evolveBusinessDay,
} from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { foldEvents, specify } from './support/given-when-then.ts';
import { noOrders, type OrderRows, orderRows } from './support/order-rows.ts';

const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };
const { given } = specify(orderRows(berlin), noOrders);
const event = eventLog();
const receivedAt = (id: string, at: string) => event('OrderReceived', at, { order: sampleOrder({ id }) });

const ticketNumbers = (rows: OrderRows) =>
  Object.values(rows.orders)
    .sort((a, b) => a.sequence - b.sequence)
    .map((order) => `${order.businessDay} #${order.ticketNumber} ${order.orderId}`);

test('given a Berlin evening service with a 04:00 day start, then numbers run past midnight and restart at 04:00', () => {
  given(
    receivedAt('a', '2024-05-10T16:00:00.000Z'), // 18:00 local
    receivedAt('b', '2024-05-10T21:30:00.000Z'), // 23:30
    receivedAt('c', '2024-05-10T23:30:00.000Z'), // 01:30 next morning: still Friday's service
    receivedAt('d', '2024-05-11T01:59:00.000Z'), // 03:59
    receivedAt('e', '2024-05-11T02:00:00.000Z'), // 04:00: a new business day
    receivedAt('f', '2024-05-11T09:00:00.000Z'),
  ).then((rows) => {
    assert.deepEqual(ticketNumbers(rows), [
      '2024-05-10 #1 a',
      '2024-05-10 #2 b',
      '2024-05-10 #3 c',
      '2024-05-10 #4 d',
      '2024-05-11 #1 e',
      '2024-05-11 #2 f',
    ]);
    assert.deepEqual(Object.values(rows.days), [
      { businessDay: '2024-05-10', lastTicketNumber: 4 },
      { businessDay: '2024-05-11', lastTicketNumber: 2 },
    ]);
  });
});

test('given the same log, when it is replayed from scratch, then every order gets the same number', () => {
  const log: AnyDomainEvent[] = [
    receivedAt('a', '2024-05-10T20:00:00.000Z'),
    receivedAt('b', '2024-05-10T23:00:00.000Z'),
    receivedAt('a', '2024-05-10T23:10:00.000Z'),
    receivedAt('c', '2024-05-11T03:00:00.000Z'),
  ];
  const first = foldEvents(orderRows(berlin), noOrders, log);
  const replayed = foldEvents(orderRows({ ...berlin }), noOrders, log);
  assert.deepEqual(replayed, first);
  assert.deepEqual(ticketNumbers(first), ['2024-05-10 #1 a', '2024-05-10 #2 b', '2024-05-11 #1 c']);
});

test('given the spring DST jump (31 March), then 03:59 CEST is the old day and 04:00 CEST the new one', () => {
  assert.equal(businessDayOf('2024-03-31T00:30:00.000Z', berlin), '2024-03-30'); // 01:30 CET
  assert.equal(businessDayOf('2024-03-31T01:59:00.000Z', berlin), '2024-03-30'); // 03:59 CEST
  assert.equal(businessDayOf('2024-03-31T02:00:00.000Z', berlin), '2024-03-31'); // 04:00 CEST
  assert.equal(businessDayStartsAt('2024-03-31', berlin), '2024-03-31T02:00:00.000Z');
});

test('given the autumn DST jump (27 October), then the repeated hour stays in the old day', () => {
  assert.equal(businessDayOf('2024-10-27T00:30:00.000Z', berlin), '2024-10-26'); // 02:30 CEST
  assert.equal(businessDayOf('2024-10-27T01:30:00.000Z', berlin), '2024-10-26'); // 02:30 CET again
  assert.equal(businessDayOf('2024-10-27T02:59:00.000Z', berlin), '2024-10-26'); // 03:59 CET
  assert.equal(businessDayOf('2024-10-27T03:00:00.000Z', berlin), '2024-10-27'); // 04:00 CET
  assert.equal(businessDayStartsAt('2024-10-27', berlin), '2024-10-27T03:00:00.000Z');
  assert.equal(businessDayStartsAt('2024-10-28', berlin), '2024-10-28T03:00:00.000Z');
});

test('given a day start inside the skipped spring hour, then the day starts at the jump itself', () => {
  const odd = { dayStartsAt: '02:30', timeZone: 'Europe/Berlin' };
  assert.equal(businessDayStartsAt('2024-03-31', odd), '2024-03-31T01:00:00.000Z');
  assert.equal(businessDayOf('2024-03-31T00:59:00.000Z', odd), '2024-03-30');
  assert.equal(businessDayOf('2024-03-31T01:00:00.000Z', odd), '2024-03-31');
});

test('given a zone west of UTC and a year end, then the local date decides, not the UTC one', () => {
  const newYork = { dayStartsAt: '05:00', timeZone: 'America/New_York' };
  assert.equal(businessDayOf('2025-01-01T09:59:00.000Z', newYork), '2024-12-31'); // 04:59 EST
  assert.equal(businessDayOf('2025-01-01T10:00:00.000Z', newYork), '2025-01-01');
  assert.equal(businessDayStartsAt('2025-03-01', newYork), '2025-03-01T10:00:00.000Z');
});

test('given UTC midnight as the day start, then business days are UTC calendar days', () => {
  const rows = foldEvents(orderRows(), noOrders, [
    receivedAt('x', '2024-05-10T23:59:59.000Z'),
    receivedAt('y', '2024-05-11T00:00:00.000Z'),
  ]);
  assert.equal(rows.orders.x?.businessDay, '2024-05-10');
  assert.equal(rows.orders.y?.ticketNumber, 1);
});

test('given a counter of another day, when a receipt comes, then its own day starts at #1', () => {
  const friday = { businessDay: '2024-05-10', lastTicketNumber: 41 };
  const saturday = receivedAt('s', '2024-05-11T09:00:00.000Z');
  assert.deepEqual(evolveBusinessDay(friday, saturday, berlin), {
    businessDay: '2024-05-11',
    lastTicketNumber: 1,
  });
  const ignored = event('OrderCanceled', '2024-05-11T09:01:00.000Z', { orderId: 's' });
  assert.equal(evolveBusinessDay(friday, ignored, berlin), friday);
});

test('given a malformed day start or an unknown zone, then checking the config fails at once', () => {
  assert.throws(() => checkBusinessDayConfig({ dayStartsAt: '4:00', timeZone: 'Europe/Berlin' }), RangeError);
  assert.throws(
    () => checkBusinessDayConfig({ dayStartsAt: '24:00', timeZone: 'Europe/Berlin' }),
    RangeError,
  );
  assert.throws(() => checkBusinessDayConfig({ dayStartsAt: '04:00', timeZone: 'Mars/Olympus' }), RangeError);
});

test.run();
