import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  initialUnreadableOrders,
  openUnreadableOrders,
  reduceUnreadableOrders,
  unreadableOrdersNeedingAttention,
} from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const { given } = specify(reduceUnreadableOrders, initialUnreadableOrders);
const event = eventLog();
const at = (minute: number) => `2026-11-27T19:${String(minute).padStart(2, '0')}:00.000Z`;
const unreadable = (orderId: string | undefined, webhookId: string, minute = 0) =>
  event('OrderUnreadable', at(minute), {
    webhookId,
    eventType: 'wix.ecom.v1.order_created',
    ...(orderId ? { orderId } : {}),
    reason: 'the order: lineItems: Invalid input',
    body: 'header.payload.signature',
  });
const noKey = (orderId: string | undefined, webhookId: string) =>
  event('OrderFetchFailed', at(1), { webhookId, ...(orderId ? { orderId } : {}), error: 'no Wix API key' });

test('given an unreadable delivery, then its order is open, fetching, and not yet for staff', () => {
  given(unreadable('o-1', 'w-1')).then((state) => {
    assert.equal(openUnreadableOrders(state), [
      {
        orderId: 'o-1',
        webhookId: 'w-1',
        eventType: 'wix.ecom.v1.order_created',
        reason: 'the order: lineItems: Invalid input',
        since: at(0),
      },
    ]);
    assert.equal(unreadableOrdersNeedingAttention(state), []);
  });
});

test('given the fetch failed, then staff must look, and a redelivery changes nothing', () => {
  given(unreadable('o-1', 'w-1'), noKey('o-1', 'w-1'))
    .when(unreadable('o-1', 'w-2', 5))
    .then((state, before) => {
      assert.is(state, before);
      assert.equal(
        unreadableOrdersNeedingAttention(state).map((open) => [
          open.orderId,
          open.webhookId,
          open.fetchError,
        ]),
        [['o-1', 'w-1', 'no Wix API key']],
      );
    });
});

test('when the order is read after all — fetched, received, approved, updated or cancelled — it closes', () => {
  const order = sampleOrder({ id: 'o-1' });
  const closers = [
    event('OrderFetched', at(2), { orderId: 'o-1', webhookId: 'w-1', known: false }),
    event('OrderReceived', at(2), { order }),
    event('OrderApproved', at(2), { orderId: 'o-1', order }),
    event('OrderUpdated', at(2), { orderId: 'o-1', order }),
    event('OrderCanceled', at(2), { orderId: 'o-1' }),
  ];
  for (const closer of closers) {
    given(unreadable('o-1', 'w-1'), noKey('o-1', 'w-1'))
      .when(closer)
      .then((state) => assert.equal(openUnreadableOrders(state), [], closer.type));
  }
});

test('an order read before the unreadable delivery does not close it; other orders leave it alone', () => {
  given(event('OrderReceived', at(0), { order: sampleOrder({ id: 'o-1' }) }), unreadable('o-1', 'w-1', 1))
    .when(event('OrderReceived', at(2), { order: sampleOrder({ id: 'o-2' }) }))
    .then((state, before) => {
      assert.is(state, before);
      assert.is(openUnreadableOrders(state).length, 1);
    });
});

test('a delivery that named no order closes with the next completed reconciliation, not before', () => {
  const reconciled = event('ReconciliationCompleted', at(9), {
    from: at(0),
    to: at(9),
    found: 1,
    appended: 1,
  });
  given(
    unreadable(undefined, 'sha256:ab', 3),
    noKey(undefined, 'sha256:ab'),
    unreadable('o-9', 'w-9', 4),
  ).then((state) => {
    assert.equal(
      unreadableOrdersNeedingAttention(state).map((open) => open.webhookId),
      ['sha256:ab'],
    );
  });
  given(unreadable(undefined, 'sha256:ab', 3), unreadable('o-9', 'w-9', 4))
    .when(reconciled)
    .then((state) =>
      assert.equal(
        openUnreadableOrders(state).map((open) => open.orderId),
        ['o-9'],
      ),
    );
  given(unreadable('o-9', 'w-9', 4))
    .when(reconciled)
    .then((state, before) => assert.is(state, before, 'nothing nameless: the same state'));
});

test('a failure or a fetch of something not open changes nothing', () => {
  given(unreadable('o-1', 'w-1'))
    .when(
      noKey('o-2', 'w-2'),
      event('OrderFetched', at(3), { orderId: 'o-3', webhookId: 'w-3', known: true }),
      event('ServiceStarted', at(3), { version: '1', configDigest: 'x' }),
    )
    .then((state, before) => assert.is(state, before));
});

test('the longest waiting comes first', () => {
  given(unreadable('late', 'w-2', 30), unreadable('early', 'w-1', 10)).then((state) =>
    assert.equal(
      openUnreadableOrders(state).map((open) => open.orderId),
      ['early', 'late'],
    ),
  );
});

test.run();
