import assert from 'node:assert/strict';
import { test } from 'uvu';
import { initialOrders, orderById, reduceOrders } from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const { given } = specify(reduceOrders, initialOrders);
const event = eventLog();
const order = sampleOrder({ id: 'o1', status: 'INITIALIZED', paymentStatus: 'NOT_PAID' });
const received = event('OrderReceived', '2024-05-10T11:00:00.000Z', { order });
const queued = (jobId: string, at: string) =>
  event('PrintJobQueued', at, {
    jobId,
    orderId: 'o1',
    ticket: 'kitchen',
    printer: 'kitchen',
    priority: 'high',
    reprint: false,
  });

test('given nothing, when an order is received, then it is listed with its Wix facts and number #1', () => {
  given()
    .when(received)
    .then((view) => {
      const o1 = orderById(view, 'o1');
      assert.deepEqual(o1, {
        orderId: 'o1',
        number: order.number,
        source: 'wix',
        status: 'INITIALIZED',
        paymentStatus: 'NOT_PAID',
        ticketNumber: 1,
        businessDay: '2024-05-10',
        sequence: 0,
        receivedAt: '2024-05-10T11:00:00.000Z',
        updatedAt: '2024-05-10T11:00:00.000Z',
        canceled: false,
        order,
        tickets: {},
      });
    });
});

test('given a received order, when it is received again, then nothing changes (no second number)', () => {
  given(received)
    .when(event('OrderReceived', '2024-05-10T11:05:00.000Z', { order }))
    .then((after, before) => assert.equal(after, before));
});

test('given a received order, when Wix approves, updates and marks it paid, then the view follows', () => {
  const approved = { ...order, status: 'APPROVED' };
  const updated = { ...approved, note: 'extra napkins', paymentStatus: undefined };
  given(received)
    .when(
      event('OrderApproved', '2024-05-10T11:01:00.000Z', { orderId: 'o1', order: approved }),
      event('OrderUpdated', '2024-05-10T11:02:00.000Z', { orderId: 'o1', order: updated }),
      event('OrderPaymentStatusChanged', '2024-05-10T11:03:00.000Z', {
        orderId: 'o1',
        paymentStatus: 'PAID',
      }),
    )
    .then((view) => {
      const o1 = orderById(view, 'o1');
      assert.equal(o1?.status, 'APPROVED');
      assert.equal(o1?.order.note, 'extra napkins');
      assert.equal(o1?.paymentStatus, 'PAID');
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
    .then((view) => {
      const o1 = orderById(view, 'o1');
      assert.equal(o1?.canceled, true);
      assert.equal(o1?.cancelReason, 'guest called');
      assert.equal(o1?.status, 'CANCELED');
    });
});

test('given nothing, when facts arrive about an unknown order or job, then the view ignores them', () => {
  given()
    .when(
      event('OrderUpdated', '2024-05-10T11:00:00.000Z', { orderId: 'ghost', order }),
      event('OrderCanceled', '2024-05-10T11:00:00.000Z', { orderId: 'ghost' }),
      event('PrintJobQueued', '2024-05-10T11:00:00.000Z', {
        jobId: 'j0',
        orderId: 'ghost',
        ticket: 'kitchen',
        printer: 'kitchen',
        priority: 'normal',
        reprint: false,
      }),
      event('PrintJobPrinted', '2024-05-10T11:00:00.000Z', {
        jobId: 'j0',
        printer: 'kitchen',
        attempt: 1,
        confirmation: 'confirmed',
      }),
      event('ServiceStarted', '2024-05-10T11:00:00.000Z', { version: '1', configDigest: 'x' }),
    )
    .then((after, before) => assert.equal(after, before));
});

test('given a queued kitchen ticket, when it fails once and then prints, then the ticket tells the story', () => {
  given(received, queued('j1', '2024-05-10T11:00:01.000Z'))
    .when(
      event('PrintAttemptStarted', '2024-05-10T11:00:02.000Z', {
        jobId: 'j1',
        printer: 'kitchen',
        attempt: 1,
      }),
      event('PrintAttemptFailed', '2024-05-10T11:00:03.000Z', {
        jobId: 'j1',
        printer: 'kitchen',
        attempt: 1,
        failure: 'timeout',
        counted: true,
        nextAttemptAt: '2024-05-10T11:00:05.000Z',
      }),
    )
    .then((view) => {
      assert.deepEqual(orderById(view, 'o1')?.tickets.j1, {
        jobId: 'j1',
        ticket: 'kitchen',
        printer: 'kitchen',
        priority: 'high',
        state: 'waiting',
        attempts: 1,
        lastFailure: 'timeout',
        nextAttemptAt: '2024-05-10T11:00:05.000Z',
        reprint: false,
        possibleDuplicate: false,
      });
    });

  given(received, queued('j1', '2024-05-10T11:00:01.000Z'))
    .when(
      event('PrintAttemptStarted', '2024-05-10T11:00:06.000Z', {
        jobId: 'j1',
        printer: 'kitchen',
        attempt: 2,
      }),
      event('PrintJobPrinted', '2024-05-10T11:00:07.000Z', {
        jobId: 'j1',
        printer: 'kitchen',
        attempt: 2,
        confirmation: 'confirmed',
      }),
    )
    .then((view) => {
      const ticket = orderById(view, 'o1')?.tickets.j1;
      assert.equal(ticket?.state, 'printed');
      assert.equal(ticket?.attempts, 2);
      assert.equal(ticket?.printedAt, '2024-05-10T11:00:07.000Z');
      assert.equal(ticket?.confirmation, 'confirmed');
      assert.equal(orderById(view, 'o1')?.updatedAt, '2024-05-10T11:00:07.000Z');
    });
});

test('given a printed ticket, when a stray event names its job, then it no longer moves (settled)', () => {
  given(
    received,
    queued('j1', '2024-05-10T11:00:01.000Z'),
    event('PrintJobPrinted', '2024-05-10T11:00:02.000Z', {
      jobId: 'j1',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'written',
    }),
  )
    .when(event('PrintJobRequeued', '2024-05-10T11:00:03.000Z', { jobId: 'j1', reason: 'crash-recovery' }))
    .then((after, before) => assert.equal(after, before));
});

test('given a ticket that gave up, when it is revived, requeued after a crash or cancelled, then states follow', () => {
  const gaveUp = event('PrintJobGaveUp', '2024-05-10T11:01:00.000Z', {
    jobId: 'j1',
    printer: 'kitchen',
    attempts: 5,
    lastFailure: 'reset-mid-job',
  });
  given(received, queued('j1', '2024-05-10T11:00:01.000Z'), gaveUp).then((view) => {
    const ticket = orderById(view, 'o1')?.tickets.j1;
    assert.equal(ticket?.state, 'gave-up');
    assert.equal(ticket?.attempts, 5);
    assert.equal(ticket?.lastFailure, 'reset-mid-job');
  });
  given(received, queued('j1', '2024-05-10T11:00:01.000Z'), gaveUp)
    .when(event('PrintJobRevived', '2024-05-10T11:02:00.000Z', { jobId: 'j1' }))
    .then((view) => assert.equal(orderById(view, 'o1')?.tickets.j1?.state, 'queued'));
  given(received, queued('j1', '2024-05-10T11:00:01.000Z'))
    .when(event('PrintJobRequeued', '2024-05-10T11:02:00.000Z', { jobId: 'j1', reason: 'crash-recovery' }))
    .then((view) => {
      assert.equal(orderById(view, 'o1')?.tickets.j1?.state, 'queued');
      assert.equal(orderById(view, 'o1')?.tickets.j1?.possibleDuplicate, true);
    });
  given(received, queued('j1', '2024-05-10T11:00:01.000Z'))
    .when(event('PrintJobCancelled', '2024-05-10T11:02:00.000Z', { jobId: 'j1', reason: 'order canceled' }))
    .then((view) => assert.equal(orderById(view, 'o1')?.tickets.j1?.state, 'cancelled'));
});

test('given a queued job, when the same job is queued again, then the ticket is not reset', () => {
  given(
    received,
    queued('j1', '2024-05-10T11:00:01.000Z'),
    event('PrintAttemptStarted', '2024-05-10T11:00:02.000Z', { jobId: 'j1', printer: 'kitchen', attempt: 1 }),
  )
    .when(queued('j1', '2024-05-10T11:00:03.000Z'))
    .then((after, before) => assert.equal(after, before));
});

test.run();
