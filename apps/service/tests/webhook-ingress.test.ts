import {
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  orderCreatedDelivery,
  signHs256WithPublicKeyAsSecret,
  signWithAlgNone,
  signWixPayload,
  signWixWebhook,
  wixOrderFixtures,
} from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const webhook = suite<{ app: TestService }>('POST /webhooks/wix');

webhook.before(async (context) => {
  context.app = await startTestService({ config: { wix: { rejectionWindowMs: 200 } } });
});
webhook.after(async (context) => {
  await context.app.stop();
});

function typesOf(app: TestService, stream: string): string[] {
  return app.service.store.readStream(stream).map((event) => event.type);
}

function post(app: TestService, body: string) {
  return app.request('POST', '/webhooks/wix', body, { 'content-type': 'text/plain' });
}

webhook(
  'given a signed order_created (approved), then 200 only after the order and its tickets are in the log',
  async ({ app }) => {
    const order = makeWixOrder({});
    const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
    const response = await post(app, jwt);
    assert.is(response.status, 200);
    const body = (await response.json()) as { duplicate: boolean };
    assert.is(body.duplicate, false);
    assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived']);
    const jobs = app.service.store
      .read({ types: ['PrintJobQueued'] })
      .filter((e) => (e.data as { orderId: string }).orderId === order.id);
    assert.equal(jobs.map((e) => (e.data as { ticket: string }).ticket).sort(), ['customer', 'kitchen']);
  },
);

webhook('a redelivery of the same webhook answers 200 and appends nothing', async ({ app }) => {
  const delivery = orderCreatedDelivery(makeWixOrder({}));
  const jwt = await signWixWebhook(delivery, app.keys.privateKey);
  assert.is((await post(app, jwt)).status, 200);
  const before = app.service.store.read({
    types: ['WebhookReceived', 'OrderReceived', 'PrintJobQueued'],
  }).length;
  const again = await post(app, jwt);
  assert.is(again.status, 200);
  assert.is(((await again.json()) as { duplicate: boolean }).duplicate, true);
  assert.is(
    app.service.store.read({ types: ['WebhookReceived', 'OrderReceived', 'PrintJobQueued'] }).length,
    before,
  );
});

webhook('created and approved of one order make one order and one kitchen ticket', async ({ app }) => {
  const order = makeWixOrder({ status: 'INITIALIZED' });
  assert.is(
    (await post(app, await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey))).status,
    200,
  );
  assert.is(
    app.service.store
      .read({ types: ['PrintJobQueued'] })
      .filter((e) => (e.data as { orderId: string }).orderId === order.id).length,
    0,
  );
  const approved = await signWixWebhook(
    orderApprovedDelivery({ ...order, status: 'APPROVED' }),
    app.keys.privateKey,
  );
  assert.is((await post(app, approved)).status, 200);
  assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived', 'OrderApproved']);
  const kitchen = app.service.store
    .read({ types: ['PrintJobQueued'] })
    .filter(
      (e) =>
        (e.data as { orderId: string; ticket: string }).orderId === order.id &&
        (e.data as { ticket: string }).ticket === 'kitchen',
    );
  assert.is(kitchen.length, 1);
});

webhook('the same delivery posted 50 times in parallel makes one order', async ({ app }) => {
  const order = makeWixOrder({});
  const delivery = orderCreatedDelivery(order);
  const jwt = await signWixWebhook(delivery, app.keys.privateKey);
  const answers = await Promise.all(Array.from({ length: 50 }, () => post(app, jwt)));
  assert.ok(answers.every((answer) => answer.status === 200));
  assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived']);
  assert.equal(typesOf(app, `webhook-${delivery.webhookId}`), ['WebhookReceived']);
});

webhook(
  'forgeries and expired or foreign tokens get 401, append no order, and are counted per reason',
  async ({ app }) => {
    const order = makeWixOrder({});
    const delivery = orderCreatedDelivery(order);
    const stranger = await generateWixKeyPair();
    const forgeries = [
      signWithAlgNone(delivery),
      signHs256WithPublicKeyAsSecret(delivery, app.keys.publicKeyPem),
      await signWixWebhook(delivery, app.keys.privateKey, {
        now: new Date(Date.now() - 7_200_000),
        expiresInSeconds: 60,
      }),
      await signWixWebhook(delivery, stranger.privateKey),
      'not a jwt at all',
    ];
    for (const body of forgeries) {
      const response = await post(app, body);
      assert.is(response.status, 401, `expected 401 for ${body.slice(0, 30)}`);
    }
    assert.equal(typesOf(app, `order-${order.id}`), []);
    const rejected = await eventually('WebhookRejected events', () => {
      const events = app.service.store.read({ types: ['WebhookRejected'] });
      const total = events.reduce((sum, e) => sum + (e.data as { count: number }).count, 0);
      return total >= forgeries.length ? events : undefined;
    });
    assert.ok(rejected.length <= forgeries.length, 'one event per reason per window, not per request');
  },
);

webhook(
  'a signed but malformed payload is acknowledged (200) as OrderUnreadable, never as an order',
  async ({ app }) => {
    const before = app.service.store.lastPosition();
    const notJson = await signWixPayload('this is not json', app.keys.privateKey);
    assert.is((await post(app, notJson)).status, 200);
    const noOrder = await signWixPayload(
      JSON.stringify({
        eventType: 'wix.ecom.v1.order_created',
        instanceId: 'x',
        data: JSON.stringify({ id: 'w1', entityId: 'o1', createdEvent: {} }),
      }),
      app.keys.privateKey,
    );
    assert.is((await post(app, noOrder)).status, 200);
    const recorded = app.service.store.read({
      after: before,
      types: ['OrderReceived', 'WebhookReceived', 'OrderUnreadable'],
    });
    assert.equal(
      recorded.map((event) => event.type),
      ['OrderUnreadable', 'OrderUnreadable'],
    );
    assert.equal(typesOf(app, 'order-o1')[0], 'OrderUnreadable');
  },
);

webhook(
  'an event type bonrelay does not handle is acknowledged (200, ignored) so Wix stops retrying',
  async ({ app }) => {
    const delivery = {
      ...orderCreatedDelivery(makeWixOrder({})),
      eventType: 'wix.ecom.v1.order_fulfilled',
      slug: 'fulfilled',
    };
    const response = await post(app, await signWixWebhook(delivery, app.keys.privateKey));
    assert.is(response.status, 200);
    assert.is(((await response.json()) as { ignored: boolean }).ignored, true);
  },
);

webhook(
  'a body over the limit gets 413 before it is read, and the pooled connection still works',
  async ({ app }) => {
    const response = await post(app, 'x'.repeat(1_048_577));
    assert.is(response.status, 413);
    assert.is(response.headers.get('connection'), 'close');
    assert.is((await app.request('GET', '/health')).status, 200);
  },
);

webhook(
  'a full disk gets 503 with Retry-After, writes nothing, and orders flow again once there is room',
  async ({ app }) => {
    const db = app.service.store.connection;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const order = makeWixOrder({ buyerNote: 'x'.repeat(200_000) });
    const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
    db.pragma(`max_page_count = ${pages}`);
    try {
      const response = await post(app, jwt);
      assert.is(response.status, 503);
      assert.ok(response.headers.get('retry-after'));
      assert.equal(typesOf(app, `order-${order.id}`), []);
      const health = await app.request('GET', '/health');
      assert.is(health.status, 200, 'reads keep working while the disk is full');
    } finally {
      db.pragma('max_page_count = 1073741823');
    }
    assert.is((await post(app, jwt)).status, 200);
    assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived']);
  },
);

webhook('fixtures in both entity encodings are accepted', async ({ app }) => {
  for (const fixture of Object.values(wixOrderFixtures)) {
    const order = { ...fixture, id: crypto.randomUUID() };
    for (const encoding of ['json-string', 'object'] as const) {
      const jwt = await signWixWebhook(
        orderCreatedDelivery(order, { webhookId: crypto.randomUUID() }),
        app.keys.privateKey,
        { encoding },
      );
      const response = await post(app, jwt);
      assert.is(response.status, 200, `${order.id} ${encoding}: ${await response.clone().text()}`);
    }
    assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived']);
  }
});

webhook.run();
