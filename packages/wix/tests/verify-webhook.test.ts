import {
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  orderCanceledDelivery,
  orderCreatedDelivery,
  orderUpdatedDelivery,
  paymentStatusUpdatedDelivery,
  signHs256WithPublicKeyAsSecret,
  signWithAlgNone,
  signWixPayload,
  signWixWebhook,
  type WixDelivery,
  wixOrderFixtures,
} from '@bonrelay/wix-fake';
import { importPKCS8, SignJWT } from 'jose';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyWebhook, type WebhookVerification } from '../src/index.ts';

const wix = await generateWixKeyPair();
const stranger = await generateWixKeyPair();
const now = new Date('2025-03-14T18:00:00.000Z');
const order = wixOrderFixtures.pickup;

function rejected(result: WebhookVerification, reason: string, status: number): void {
  assert.is(result.ok, false, 'the delivery must be refused');
  if (result.ok) return;
  assert.is(result.reason, reason);
  assert.is(result.status, status);
  assert.ok(result.detail.length > 0, 'a rejection explains itself');
}

function envelope(layer3: unknown, eventType = 'wix.ecom.v1.order_created'): string {
  return JSON.stringify({ eventType, instanceId: 'site', data: JSON.stringify(layer3), identity: '{}' });
}

for (const encoding of ['json-string', 'object'] as const) {
  test(`given a created delivery with the entity as ${encoding}, it verifies with the order inside`, async () => {
    const delivery = orderCreatedDelivery(order, { webhookId: 'hook-created' });
    const body = await signWixWebhook(delivery, wix.privateKey, { encoding, now });

    const result = await verifyWebhook(body, wix.publicKeyPem, { now });

    assert.equal(result, {
      ok: true,
      webhook: {
        webhookId: 'hook-created',
        eventType: 'wix.ecom.v1.order_created',
        instanceId: delivery.instanceId,
        orderId: order.id,
        eventTime: delivery.eventTime,
        slug: 'created',
        kind: 'created',
        wixOrder: order,
      },
    });
  });

  const kinds: [string, (o: typeof order) => WixDelivery, string][] = [
    ['approved', (o) => orderApprovedDelivery(o), 'APPROVED'],
    ['updated', (o) => orderUpdatedDelivery(o), 'APPROVED'],
    ['canceled', (o) => orderCanceledDelivery(o), 'CANCELED'],
    ['payment-status-updated', (o) => paymentStatusUpdatedDelivery(o, 'PAID'), 'APPROVED'],
  ];
  for (const [kind, deliver, status] of kinds) {
    test(`given a ${kind} delivery (${encoding}), it verifies as ${kind} with the order`, async () => {
      const body = await signWixWebhook(deliver(order), wix.privateKey, { encoding, now });
      const result = await verifyWebhook(body, wix.publicKeyPem, { now });
      assert.ok(result.ok);
      if (!result.ok || result.webhook.kind === 'unreadable') return assert.unreachable('readable');
      assert.is(result.webhook.kind, kind);
      assert.is(result.webhook.orderId, order.id);
      assert.is((result.webhook.wixOrder as { status: string }).status, status);
    });
  }
}

test('a body with surrounding whitespace (text/plain with a newline) still verifies', async () => {
  const body = await signWixWebhook(orderCreatedDelivery(order), wix.privateKey, { now });
  assert.ok((await verifyWebhook(`\n${body}\r\n`, wix.publicKeyPem, { now })).ok);
});

test('alg none is refused as the wrong algorithm', async () => {
  const body = signWithAlgNone(orderCreatedDelivery(order), { now });
  rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'wrong-algorithm', 401);
});

test('HS256 signed with the public key as secret is refused as the wrong algorithm', async () => {
  const body = signHs256WithPublicKeyAsSecret(orderCreatedDelivery(order), wix.publicKeyPem, { now });
  rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'wrong-algorithm', 401);
});

test('RS512 signed with the right key is still refused: RS256 is pinned', async () => {
  const body = await new SignJWT({ data: envelope({ id: 'x' }) })
    .setProtectedHeader({ alg: 'RS512' })
    .sign(await importPKCS8(wix.privateKeyPem, 'RS512'));
  rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'wrong-algorithm', 401);
});

test('an expired token is refused as expired', async () => {
  const body = await signWixWebhook(orderCreatedDelivery(order), wix.privateKey, {
    now: new Date(now.getTime() - 7200_000),
    expiresInSeconds: 3600,
  });
  rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'expired', 401);
});

test('a token signed by another key is refused as a bad signature', async () => {
  const body = await signWixWebhook(orderCreatedDelivery(order), stranger.privateKey, { now });
  rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'bad-signature', 401);
});

test('an unusable configured public key is reported as a bad key', async () => {
  const body = await signWixWebhook(orderCreatedDelivery(order), wix.privateKey, { now });
  rejected(await verifyWebhook(body, 'not a pem', { now }), 'bad-key', 401);
});

test('garbage and empty bodies are not JWTs', async () => {
  for (const body of ['', 'hello', '{"data":"x"}', 'a.b', '!!.??.##']) {
    rejected(await verifyWebhook(body, wix.publicKeyPem, { now }), 'not-a-jwt', 401);
  }
  rejected(await verifyWebhook('bm90LWpzb24.e30.c2ln', wix.publicKeyPem, { now }), 'not-a-jwt', 401);
});

test('a truncated JWT is refused', async () => {
  const body = await signWixWebhook(orderCreatedDelivery(order), wix.privateKey, { now });
  rejected(await verifyWebhook(body.slice(0, -10), wix.publicKeyPem, { now }), 'bad-signature', 401);
  rejected(
    await verifyWebhook(body.slice(0, body.lastIndexOf('.')), wix.publicKeyPem, { now }),
    'not-a-jwt',
    401,
  );
});

/** Signed by Wix but not readable: acknowledged (`ok`), with whatever could be read kept. */
function unreadable(result: WebhookVerification, expected: Record<string, unknown>): void {
  assert.ok(result.ok, 'a signed delivery is never refused');
  if (!result.ok) return;
  const { problem, ...known } = result.webhook as { problem?: string };
  assert.is(result.webhook.kind, 'unreadable');
  assert.ok(typeof problem === 'string' && problem.length > 0, 'it says what could not be read');
  assert.equal(known, { kind: 'unreadable', ...expected });
}

const contentIdPattern = /^sha256:[0-9a-f]{64}$/;

test('a signed token whose payload is not JSON is unreadable, with an id from its content', async () => {
  const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
  const { createSign } = await import('node:crypto');
  const input = `${header}.${Buffer.from('not json').toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(input).sign(wix.privateKeyPem).toString('base64url');
  const result = await verifyWebhook(`${input}.${signature}`, wix.publicKeyPem, { now });
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.is(result.webhook.kind, 'unreadable');
  assert.match(result.webhook.webhookId, contentIdPattern);
});

test('signed, but layer 2 is not JSON or names no event type: unreadable', async () => {
  for (const data of ['{not json', JSON.stringify({ data: '{}' })]) {
    const result = await verifyWebhook(
      await signWixPayload(data, wix.privateKey, { now }),
      wix.publicKeyPem,
      {
        now,
      },
    );
    assert.ok(result.ok && result.webhook.kind === 'unreadable');
    if (!result.ok) return;
    assert.match(result.webhook.webhookId, contentIdPattern);
  }
});

test('signed, but layer 3 is not JSON: unreadable, with the event type kept', async () => {
  const data = JSON.stringify({ eventType: 'wix.ecom.v1.order_created', data: 'nope' });
  const result = await verifyWebhook(await signWixPayload(data, wix.privateKey, { now }), wix.publicKeyPem, {
    now,
  });
  assert.ok(result.ok && result.webhook.kind === 'unreadable');
  if (!result.ok) return;
  assert.is(result.webhook.eventType, 'wix.ecom.v1.order_created');
  assert.match(result.webhook.webhookId, contentIdPattern);
});

test('signed, but layer 3 misses what an order event needs: unreadable, keeping the order id', async () => {
  const base = { webhookId: 'hook', eventType: 'wix.ecom.v1.order_created', instanceId: 'site' };
  const cases: [unknown, Record<string, unknown>][] = [
    [{ id: 'hook', createdEvent: { entity: { ...order, id: undefined } } }, base],
    [
      { id: 'hook', entityId: order.id },
      { ...base, orderId: order.id },
    ],
    [
      { id: 'hook', entityId: order.id, createdEvent: { entityAsJson: '{broken' } },
      { ...base, orderId: order.id },
    ],
    [
      { id: 'hook', entityId: order.id, createdEvent: {} },
      { ...base, orderId: order.id },
    ],
  ];
  for (const [layer3, expected] of cases) {
    const body = await signWixPayload(envelope(layer3), wix.privateKey, { now });
    unreadable(await verifyWebhook(body, wix.publicKeyPem, { now }), expected);
  }
  const approved = { id: 'hook', entityId: order.id, actionEvent: { bodyAsJson: '{broken' } };
  const body = await signWixPayload(envelope(approved, 'wix.ecom.v1.order_approved'), wix.privateKey, {
    now,
  });
  unreadable(await verifyWebhook(body, wix.publicKeyPem, { now }), {
    ...base,
    eventType: 'wix.ecom.v1.order_approved',
    orderId: order.id,
  });
});

test('an order event without its own id still reads, with an id from its content', async () => {
  const body = await signWixPayload(
    envelope({ entityId: order.id, createdEvent: { entity: order } }),
    wix.privateKey,
    { now },
  );
  const result = await verifyWebhook(body, wix.publicKeyPem, { now });
  assert.ok(result.ok && result.webhook.kind === 'created');
  if (!result.ok) return;
  assert.match(result.webhook.webhookId, contentIdPattern);
});

test('a canceled event whose entity is unreadable JSON still cancels by its entity id', async () => {
  const layer3 = { id: 'hook-cancel', entityId: order.id, actionEvent: { bodyAsJson: '{broken' } };
  const body = await signWixPayload(envelope(layer3, 'wix.ecom.v1.order_canceled'), wix.privateKey, { now });
  const result = await verifyWebhook(body, wix.publicKeyPem, { now });
  assert.ok(result.ok && result.webhook.kind === 'canceled');
  if (!result.ok) return;
  assert.is(result.webhook.orderId, order.id);
});

test('a canceled event needs only the order id, not the entity', async () => {
  const layer3 = { id: 'hook-cancel', entityId: order.id, actionEvent: { body: {} } };
  const body = await signWixPayload(envelope(layer3, 'wix.ecom.v1.order_canceled'), wix.privateKey, { now });
  const result = await verifyWebhook(body, wix.publicKeyPem, { now });
  assert.equal(result, {
    ok: true,
    webhook: {
      webhookId: 'hook-cancel',
      eventType: 'wix.ecom.v1.order_canceled',
      instanceId: 'site',
      orderId: order.id,
      kind: 'canceled',
    },
  });
});

test('an event type we do not handle verifies as unsupported, without the entity', async () => {
  const delivery = {
    ...orderCreatedDelivery(makeWixOrder(), { webhookId: 'hook-x' }),
    eventType: 'wix.ecom.v1.order_deleted',
  };
  const result = await verifyWebhook(
    await signWixWebhook(delivery, wix.privateKey, { now }),
    wix.publicKeyPem,
    { now },
  );
  assert.ok(result.ok);
  if (!result.ok || result.webhook.kind === 'unreadable') return assert.unreachable('readable');
  assert.is(result.webhook.kind, 'unsupported');
  assert.is(result.webhook.webhookId, 'hook-x');
  assert.is(result.webhook.wixOrder, undefined);
});

test('a foreign event without an id gets a stable id from its content, so redeliveries dedupe', async () => {
  const data = JSON.stringify({
    eventType: 'wix.apps.v1.app_installed',
    data: JSON.stringify({ appId: 'a' }),
  });
  const first = await verifyWebhook(await signWixPayload(data, wix.privateKey, { now }), wix.publicKeyPem, {
    now,
  });
  const again = await verifyWebhook(
    await signWixPayload(data, wix.privateKey, { now: new Date(now.getTime() + 60_000) }),
    wix.publicKeyPem,
    { now },
  );
  assert.ok(first.ok && again.ok);
  if (!first.ok || !again.ok) return;
  assert.is(first.webhook.kind, 'unsupported');
  assert.match(first.webhook.webhookId, /^sha256:[0-9a-f]{64}$/);
  assert.is(first.webhook.webhookId, again.webhook.webhookId);
});

test('verification never throws, even when handed something that is not a string', async () => {
  const result = await verifyWebhook(undefined as unknown as string, wix.publicKeyPem, { now });
  rejected(result, 'malformed-payload', 400);
});

test.run();
