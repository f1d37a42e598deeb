import { makeWixOrder, wixOrderFixtures } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  eventsForUnreadableWebhook,
  eventsForWebhook,
  readDelivery,
  type UnreadableWebhook,
  type VerifiedWebhook,
} from '../src/index.ts';

const raw = wixOrderFixtures.pickup;

function delivery(kind: VerifiedWebhook['kind'], wixOrder: unknown): VerifiedWebhook {
  return {
    webhookId: `hook-${kind}`,
    eventType: `wix.ecom.v1.order_${kind}`,
    instanceId: 'site-1',
    orderId: raw.id,
    kind,
    wixOrder,
  };
}

test('given a created delivery with a good order, then it reads with the order normalised', () => {
  const read = readDelivery(delivery('created', raw));
  assert.ok(read.readable);
  if (!read.readable) return;
  assert.is(read.order?.id, raw.id);
  assert.is(read.order?.source, 'wix');
});

test('given a created delivery whose order lacks lineItems, then it is unreadable and keeps what names the order', () => {
  const { lineItems: _gone, ...withoutItems } = makeWixOrder({});
  const read = readDelivery({ ...delivery('created', withoutItems), orderId: withoutItems.id });
  assert.not.ok(read.readable);
  if (read.readable) return;
  assert.equal(
    { ...read.webhook, problem: undefined },
    {
      kind: 'unreadable',
      webhookId: 'hook-created',
      eventType: 'wix.ecom.v1.order_created',
      instanceId: 'site-1',
      orderId: withoutItems.id,
      problem: undefined,
    },
  );
  assert.match(read.webhook.problem, /lineItems/);
});

test('given a canceled delivery whose entity is just the id, then it still reads and cancels by that id', () => {
  const read = readDelivery(delivery('canceled', { id: raw.id }));
  assert.ok(read.readable);
  if (!read.readable) return;
  assert.is(read.order, undefined);
  const cancel = eventsForWebhook(read.webhook, read.order).find((event) => event.type === 'OrderCanceled');
  assert.equal(cancel?.data, { orderId: raw.id });
});

test('given a delivery already found unreadable, then it stays so', () => {
  const unreadable: UnreadableWebhook = { kind: 'unreadable', webhookId: 'hook-u', problem: 'no order' };
  assert.equal(readDelivery(unreadable), { readable: false, webhook: unreadable });
});

test('an unreadable delivery is filed under the order it names, keyed by its webhook id, with the raw body', () => {
  const unreadable: UnreadableWebhook = {
    kind: 'unreadable',
    webhookId: 'hook-u',
    eventType: 'wix.ecom.v1.order_created',
    instanceId: 'site-1',
    orderId: 'order-1',
    problem: 'the order: lineItems: Invalid input',
  };
  assert.equal(eventsForUnreadableWebhook(unreadable, 'header.payload.signature'), [
    {
      id: 'order-unreadable:hook-u',
      stream: 'order-order-1',
      type: 'OrderUnreadable',
      data: {
        webhookId: 'hook-u',
        eventType: 'wix.ecom.v1.order_created',
        orderId: 'order-1',
        reason: 'the order: lineItems: Invalid input',
        body: 'header.payload.signature',
      },
    },
  ]);
});

test('an unreadable delivery that names no order is filed under the delivery, its reason kept short', () => {
  const unreadable: UnreadableWebhook = {
    kind: 'unreadable',
    webhookId: 'sha256:ab',
    problem: 'x'.repeat(5000),
  };
  const [event] = eventsForUnreadableWebhook(unreadable, 'body');
  assert.is(event?.stream, 'webhook-sha256:ab');
  const data = event?.data as { reason: string; orderId?: string; eventType?: string };
  assert.is(data.reason.length, 300);
  assert.not.ok('orderId' in data || 'eventType' in data, 'absent facts are absent, not undefined');
});

test.run();
