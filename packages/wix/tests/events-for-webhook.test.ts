import type { Order } from '@bonrelay/domain';
import { wixOrderFixtures } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsForWebhook, normaliseOrder, type VerifiedWebhook, type WebhookKind } from '../src/index.ts';

const raw = wixOrderFixtures.pickup;
const orderId = raw.id;
const result = normaliseOrder(raw, 'wix');
if (!result.ok) throw new Error(result.problem);
const order: Order = result.order;

function webhook(kind: WebhookKind, eventType: string): VerifiedWebhook {
  return {
    webhookId: `hook-${kind}`,
    eventType,
    instanceId: 'site-1',
    orderId,
    eventTime: '2025-03-14T17:05:13.000Z',
    slug: kind,
    kind,
  };
}

function received(kind: WebhookKind, eventType: string) {
  return {
    id: `webhook:hook-${kind}`,
    stream: `webhook-hook-${kind}`,
    type: 'WebhookReceived',
    data: {
      webhookId: `hook-${kind}`,
      eventType,
      instanceId: 'site-1',
      orderId,
      eventTime: '2025-03-14T17:05:13.000Z',
    },
  };
}

const stream = `order-${orderId}`;

test('given a created webhook, when turned into events, then the delivery and the order are recorded', () => {
  assert.equal(eventsForWebhook(webhook('created', 'wix.ecom.v1.order_created'), order), [
    received('created', 'wix.ecom.v1.order_created'),
    { id: `order-received:${orderId}`, stream, type: 'OrderReceived', data: { order } },
  ]);
});

test('given an approved webhook, then OrderReceived shares the created id (one order) and OrderApproved follows', () => {
  const events = eventsForWebhook(webhook('approved', 'wix.ecom.v1.order_approved'), order);
  assert.equal(events, [
    received('approved', 'wix.ecom.v1.order_approved'),
    { id: `order-received:${orderId}`, stream, type: 'OrderReceived', data: { order } },
    { id: `order-approved:${orderId}`, stream, type: 'OrderApproved', data: { orderId, order } },
  ]);
  const created = eventsForWebhook(webhook('created', 'wix.ecom.v1.order_created'), order);
  assert.is(created[1]?.id, events[1]?.id);
});

test('given an updated webhook, then each delivery records its own update', () => {
  assert.equal(eventsForWebhook(webhook('updated', 'wix.ecom.v1.order_updated'), order).slice(1), [
    { id: 'webhook-order-updated:hook-updated', stream, type: 'OrderUpdated', data: { orderId, order } },
  ]);
});

test('given a canceled webhook, then the order is canceled once, even without the order body', () => {
  const expected = [{ id: `order-canceled:${orderId}`, stream, type: 'OrderCanceled', data: { orderId } }];
  assert.equal(eventsForWebhook(webhook('canceled', 'wix.ecom.v1.order_canceled'), order).slice(1), expected);
  assert.equal(
    eventsForWebhook(webhook('canceled', 'wix.ecom.v1.order_canceled'), undefined).slice(1),
    expected,
  );
});

test('given a payment status webhook, then the new status is recorded per delivery', () => {
  const paid = { ...order, paymentStatus: 'PAID' };
  const hook = webhook('payment-status-updated', 'wix.ecom.v1.order_payment_status_updated');
  assert.equal(eventsForWebhook(hook, paid).slice(1), [
    {
      id: 'payment:hook-payment-status-updated',
      stream,
      type: 'OrderPaymentStatusChanged',
      data: { orderId, paymentStatus: 'PAID' },
    },
  ]);
  const { paymentStatus, ...withoutStatus } = paid;
  assert.is(eventsForWebhook(hook, withoutStatus).length, 1, 'no status, no change to record');
});

test('given an unsupported webhook, then only the delivery is recorded', () => {
  const hook: VerifiedWebhook = {
    webhookId: 'hook-x',
    eventType: 'wix.ecom.v1.order_deleted',
    kind: 'unsupported',
  };
  assert.equal(eventsForWebhook(hook, undefined), [
    {
      id: 'webhook:hook-x',
      stream: 'webhook-hook-x',
      type: 'WebhookReceived',
      data: { webhookId: 'hook-x', eventType: 'wix.ecom.v1.order_deleted' },
    },
  ]);
});

test('given an order webhook whose order could not be normalised, then only the delivery is recorded', () => {
  for (const kind of ['created', 'approved', 'updated'] as const) {
    assert.equal(
      eventsForWebhook(webhook(kind, `wix.ecom.v1.order_${kind}`), undefined).map((event) => event.type),
      ['WebhookReceived'],
    );
  }
});

test.run();
