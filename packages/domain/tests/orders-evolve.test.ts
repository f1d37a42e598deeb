import assert from 'node:assert/strict';
import { test } from 'uvu';
import { evolveOrder } from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';
import { noOrders, orderRows, utcMidnight } from './support/order-rows.ts';

const { given } = specify(orderRows(), noOrders);
const event = eventLog();
const order = sampleOrder({ id: 'o1', status: 'INITIALIZED', paymentStatus: 'NOT_PAID' });
const received = event('OrderReceived', '2024-05-10T11:00:00.000Z', { order, customerId: 'cust-1' });

test('given nothing, when an order is received, then its row holds the Wix facts, number #1 and its log position', () => {
  given()
    .when(received)
    .then(({ orders, days }) => {
      assert.deepEqual(orders.o1, {
        orderId: 'o1',
        number: order.number,
        source: 'wix',
        status: 'INITIALIZED',
        paymentStatus: 'NOT_PAID',
        ticketNumber: 1,
        businessDay: '2024-05-10',
        sequence: received.position,
        receivedAt: '2024-05-10T11:00:00.000Z',
        updatedAt: '2024-05-10T11:00:00.000Z',
        canceled: false,
        customerId: 'cust-1',
        order,
      });
      assert.deepEqual(days, { '2024-05-10': { businessDay: '2024-05-10', lastTicketNumber: 1 } });
    });
});

test('given a received order, when it is received again, then nothing changes (no second number)', () => {
  given(received)
    .when(event('OrderReceived', '2024-05-10T11:05:00.000Z', { order }))
    .then((after, before) => assert.equal(after, before));
});

test('given a received order, when Wix approves, updates and marks it paid, then the row follows', () => {
  const approved = { ...order, status: 'APPROVED' };
  const updated = { ...approved, note: 'extra napkins', paymentStatus: undefined, number: undefined };
  given(received)
    .when(
      event('OrderApproved', '2024-05-10T11:01:00.000Z', { orderId: 'o1', order: approved }),
      event('OrderUpdated', '2024-05-10T11:02:00.000Z', {
        orderId: 'o1',
        order: updated,
        customerId: 'cust-2',
      }),
      event('OrderPaymentStatusChanged', '2024-05-10T11:03:00.000Z', {
        orderId: 'o1',
        paymentStatus: 'PAID',
      }),
    )
    .then(({ orders }) => {
      const o1 = orders.o1;
      assert.equal(o1?.status, 'APPROVED');
      assert.equal(o1?.order.note, 'extra napkins');
      assert.equal(o1?.number, order.number, 'an update without a number keeps the one Wix gave');
      assert.equal(o1?.paymentStatus, 'PAID');
      assert.equal(
        o1?.customerId,
        'cust-2',
        'personal fields are sealed for the guest the latest event names',
      );
      assert.equal(o1?.updatedAt, '2024-05-10T11:03:00.000Z');
      assert.equal(o1?.ticketNumber, 1);
    });
});

test('given a received order, when it is canceled, then it stays canceled even if an update follows', () => {
  given(received)
    .when(
      event('OrderCanceled', '2024-05-10T11:04:00.000Z', { orderId: 'o1', reason: 'guest called' }),
      event('OrderUpdated', '2024-05-10T11:05:00.000Z', {
        orderId: 'o1',
        order: { ...order, status: 'APPROVED' },
      }),
    )
    .then(({ orders }) => {
      assert.equal(orders.o1?.canceled, true);
      assert.equal(orders.o1?.cancelReason, 'guest called');
      assert.equal(orders.o1?.status, 'CANCELED');
      assert.equal(orders.o1?.order.status, 'APPROVED', 'the Wix order itself is kept as sent');
    });
});

test('given nothing, when facts arrive about an unknown order, then no row appears', () => {
  given()
    .when(
      event('OrderUpdated', '2024-05-10T11:00:00.000Z', { orderId: 'ghost', order }),
      event('OrderCanceled', '2024-05-10T11:00:00.000Z', { orderId: 'ghost' }),
      event('OrderPaymentStatusChanged', '2024-05-10T11:00:00.000Z', {
        orderId: 'ghost',
        paymentStatus: 'PAID',
      }),
      event('ServiceStarted', '2024-05-10T11:00:00.000Z', { version: '1', configDigest: 'x' }),
    )
    .then((after, before) => assert.equal(after, before));
});

test('given an order, when its tickets are queued and printed, then its row does not move (tickets are jobs)', () => {
  given(received)
    .when(
      event('PrintJobQueued', '2024-05-10T11:00:01.000Z', {
        jobId: 'o1/kitchen',
        orderId: 'o1',
        ticket: 'kitchen',
        printer: 'kitchen',
        priority: 'high',
        reprint: false,
      }),
      event('PrintJobPrinted', '2024-05-10T11:00:02.000Z', {
        jobId: 'o1/kitchen',
        printer: 'kitchen',
        attempt: 1,
        confirmation: 'confirmed',
      }),
    )
    .then((after, before) => assert.equal(after, before));
});

test('given one order row, when an event is about another order, then the same row comes back', () => {
  const row = evolveOrder(undefined, received, utcMidnight);
  const other = sampleOrder({ id: 'o2' });
  for (const elsewhere of [
    event('OrderReceived', '2024-05-10T11:06:00.000Z', { order: other }),
    event('OrderCanceled', '2024-05-10T11:06:00.000Z', { orderId: 'o2' }),
    event('CustomerForgotten', '2024-05-10T11:06:00.000Z', { customerId: 'c', at: 'x', orderIds: ['o2'] }),
  ]) {
    assert.equal(evolveOrder(row, elsewhere, utcMidnight), row);
  }
});

test.run();
