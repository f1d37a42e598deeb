import type { EventDataByType } from '@bonrelay/domain';
import {
  type FakeWixApi,
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  orderCanceledDelivery,
  orderCreatedDelivery,
  signHs256WithPublicKeyAsSecret,
  signWithAlgNone,
  signWixPayload,
  signWixWebhook,
  startFakeWixApi,
  type WixOrder,
} from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

type Unreadable = EventDataByType['OrderUnreadable'];
interface ShownUnreadable {
  orderId?: string;
  webhookId: string;
  state: 'fetching' | 'needs-attention';
  reason: string;
  fetchError?: string;
}

/** The order as Wix sends it tomorrow: a shape without `lineItems`, which today's reader needs. */
function withoutLineItems(order: WixOrder): WixOrder {
  const { lineItems: _unreadable, ...rest } = order;
  return rest as WixOrder;
}

function post(app: TestService, body: string) {
  return app.request('POST', '/webhooks/wix', body, { 'content-type': 'text/plain' });
}

function typesOf(app: TestService, stream: string): string[] {
  return app.service.store.readStream(stream).map((event) => event.type);
}

function dataOf<T>(app: TestService, stream: string, type: string): T[] {
  return app.service.store
    .readStream(stream)
    .filter((event) => event.type === type)
    .map((event) => event.data as T);
}

async function shown(app: TestService): Promise<ShownUnreadable[]> {
  return (await app.json<{ unreadableOrders: ShownUnreadable[] }>('/api/unreadable-orders')).unreadableOrders;
}

function alertsAbout(app: TestService, type: 'AlertRaised' | 'AlertCleared', subject: string) {
  return app.service.store
    .read({ types: [type] })
    .map((event) => event.data as { kind: string; subject: string; message?: string })
    .filter((alert) => alert.kind === 'order-unreadable' && alert.subject === subject);
}

function ticketsFor(app: TestService, orderId: string): string[] {
  return app.service.store
    .read({ types: ['PrintJobQueued'] })
    .map((event) => event.data as EventDataByType['PrintJobQueued'])
    .filter((job) => job.orderId === orderId)
    .map((job) => job.ticket)
    .sort();
}

const withoutApi = suite<{ app: TestService }>('a signed order that cannot be read, without a Wix API key');

withoutApi.before(async (context) => {
  context.app = await startTestService();
});
withoutApi.after(async (context) => {
  await context.app.stop();
});

withoutApi(
  'given a signed created order without lineItems, then it gets 200 and is recorded as OrderUnreadable with the raw body, once',
  async ({ app }) => {
    const order = makeWixOrder({});
    const delivery = orderCreatedDelivery(withoutLineItems(order));
    const jwt = await signWixWebhook(delivery, app.keys.privateKey);

    const response = await post(app, jwt);

    assert.is(response.status, 200);
    const body = (await response.json()) as { unreadable: boolean; duplicate: boolean; webhookId: string };
    assert.equal([body.unreadable, body.duplicate, body.webhookId], [true, false, delivery.webhookId]);
    const [recorded, ...more] = dataOf<Unreadable>(app, `order-${order.id}`, 'OrderUnreadable');
    assert.equal(more, []);
    assert.equal(
      { ...recorded, reason: undefined },
      {
        webhookId: delivery.webhookId,
        eventType: 'wix.ecom.v1.order_created',
        orderId: order.id,
        reason: undefined,
        body: jwt,
      },
    );
    assert.match(recorded?.reason ?? '', /lineItems/);

    const again = await post(app, jwt);
    assert.is(again.status, 200);
    assert.is(((await again.json()) as { duplicate: boolean }).duplicate, true);
    assert.is(dataOf(app, `order-${order.id}`, 'OrderUnreadable').length, 1);
    const metrics = await (await app.request('GET', '/metrics')).text();
    assert.match(metrics, /bonrelay_webhooks_total\{outcome="unreadable"\} 1\b/);
  },
);

withoutApi(
  'given it cannot be fetched, then the dashboard lists it with its Wix order id and an alert is raised; once the order is read, both clear',
  async ({ app }) => {
    const order = makeWixOrder({});
    await post(app, await signWixWebhook(orderCreatedDelivery(withoutLineItems(order)), app.keys.privateKey));

    const [notice] = await eventually('the notice', async () => {
      const list = await shown(app);
      return list.some((open) => open.orderId === order.id) ? list : undefined;
    });
    assert.is(notice?.state, 'needs-attention');
    assert.match(notice?.fetchError ?? '', /API key/);
    assert.equal(typesOf(app, `order-${order.id}`), ['OrderUnreadable', 'OrderFetchFailed']);
    const [alert] = await eventually('the alert', () => {
      const raised = alertsAbout(app, 'AlertRaised', order.id);
      return raised.length > 0 ? raised : undefined;
    });
    assert.match(alert?.message ?? '', /could not be read — open it in Wix/);
    assert.ok(alert?.message?.includes(order.id), 'the alert names the Wix order');
    assert.ok((await (await app.request('GET', '/')).text()).includes('data-testid="unreadable-orders"'));

    const approved = await signWixWebhook(orderApprovedDelivery(order), app.keys.privateKey);
    assert.is((await post(app, approved)).status, 200);
    assert.equal(
      (await shown(app)).filter((open) => open.orderId === order.id),
      [],
    );
    await eventually('the alert cleared', () => alertsAbout(app, 'AlertCleared', order.id).length === 1);
    assert.equal(ticketsFor(app, order.id), ['customer', 'kitchen']);
  },
);

withoutApi(
  'given signed layers that cannot be read at all, then it gets 200, is filed under the delivery, and its redelivery is a duplicate',
  async ({ app }) => {
    const first = await post(app, await signWixPayload('this is not json', app.keys.privateKey));
    assert.is(first.status, 200);
    const { webhookId } = (await first.json()) as { webhookId: string };
    assert.match(webhookId, /^sha256:/);
    assert.equal(typesOf(app, `webhook-${webhookId}`)[0], 'OrderUnreadable');

    const resigned = await signWixPayload('this is not json', app.keys.privateKey, {
      now: new Date(Date.now() + 60_000),
    });
    const again = await post(app, resigned);
    assert.equal((await again.json()) as object, {
      ok: true,
      webhookId,
      ignored: false,
      unreadable: true,
      problem: 'claim "data" is not a JSON object string',
      duplicate: true,
      appended: 0,
    });
    await eventually('listed for staff', async () =>
      (await shown(app)).some((open) => open.webhookId === webhookId && open.state === 'needs-attention'),
    );
  },
);

withoutApi(
  'forged, expired, wrong-key and unsigned versions of an unreadable order still get 401 or 400 and record nothing',
  async ({ app }) => {
    const order = makeWixOrder({});
    const delivery = orderCreatedDelivery(withoutLineItems(order));
    const stranger = await generateWixKeyPair();
    const refused = [
      signWithAlgNone(delivery),
      signHs256WithPublicKeyAsSecret(delivery, app.keys.publicKeyPem),
      await signWixWebhook(delivery, app.keys.privateKey, {
        now: new Date(Date.now() - 7_200_000),
        expiresInSeconds: 60,
      }),
      await signWixWebhook(delivery, stranger.privateKey),
      JSON.stringify({ data: JSON.stringify({ eventType: delivery.eventType }) }),
      'junk',
    ];
    for (const body of refused) {
      const response = await post(app, body);
      assert.ok([400, 401].includes(response.status), `${response.status} for ${body.slice(0, 30)}`);
    }
    assert.equal(typesOf(app, `order-${order.id}`), []);
  },
);

withoutApi(
  'given a received order, when Wix cancels it with an entity that is just the id, then it is cancelled by that id',
  async ({ app }) => {
    for (const encoding of ['object', 'json-string'] as const) {
      const order = makeWixOrder({});
      await post(app, await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey));
      const minimal = orderCanceledDelivery({ id: order.id } as WixOrder);
      const response = await post(app, await signWixWebhook(minimal, app.keys.privateKey, { encoding }));
      assert.is(response.status, 200);
      assert.equal(typesOf(app, `order-${order.id}`), ['OrderReceived', 'OrderCanceled'], encoding);
    }
  },
);

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';
const withApi = suite<{ app: TestService; wix: FakeWixApi }>(
  'a signed order that cannot be read, with the Wix API configured',
);

withApi.before(async (context) => {
  context.wix = await startFakeWixApi({ apiKey, siteId });
  context.app = await startTestService({
    config: { wix: { retries: 0 } },
    env: {
      BONRELAY_WIX_API_BASE: context.wix.baseUrl,
      BONRELAY_WIX_API_KEY: apiKey,
      BONRELAY_WIX_SITE_ID: siteId,
    },
  });
  await eventually(
    'the start-up reconciliation',
    () => countOf(context.app, 'ReconciliationCompleted') === 1,
  );
});
withApi.after(async (context) => {
  await context.app.stop();
  await context.wix.close();
});

function fetchesOf(wix: FakeWixApi, orderId: string): number {
  return wix.requests.filter((request) => request.method === 'GET' && request.path.endsWith(orderId)).length;
}

withApi(
  'given an unreadable created order, then it is fetched by id and printed once, however often and in whatever shape it comes again',
  async ({ app, wix }) => {
    const order = makeWixOrder({});
    wix.addOrder(order);
    const jwt = await signWixWebhook(orderCreatedDelivery(withoutLineItems(order)), app.keys.privateKey);

    assert.is((await post(app, jwt)).status, 200);

    await eventually(
      'the order fetched',
      () => dataOf(app, `order-${order.id}`, 'OrderFetched').length === 1,
    );
    assert.equal(typesOf(app, `order-${order.id}`), ['OrderUnreadable', 'OrderReceived', 'OrderFetched']);
    const [received] = dataOf<EventDataByType['OrderReceived']>(app, `order-${order.id}`, 'OrderReceived');
    assert.is(received?.order.source, 'reconciliation');
    assert.is(received?.order.lineItems.length, order.lineItems.length);
    assert.equal(ticketsFor(app, order.id), ['customer', 'kitchen']);
    await app.printer.waitForJobs(2, 10_000);

    assert.is(((await (await post(app, jwt)).json()) as { duplicate: boolean }).duplicate, true);
    const approved = orderApprovedDelivery(withoutLineItems(order));
    assert.is((await post(app, await signWixWebhook(approved, app.keys.privateKey))).status, 200);
    await eventually('the second shape fetched', () =>
      dataOf<EventDataByType['OrderFetched']>(app, `order-${order.id}`, 'OrderFetched').some(
        (fetched) => fetched.webhookId === approved.webhookId && fetched.known,
      ),
    );
    assert.is(fetchesOf(wix, order.id), 2, 'one fetch per distinct delivery, none for the redelivery');
    assert.equal(ticketsFor(app, order.id), ['customer', 'kitchen'], 'still one kitchen ticket');
    assert.equal(await shown(app), []);
    assert.equal(alertsAbout(app, 'AlertRaised', order.id), []);
  },
);

withApi(
  'given Wix does not have the order yet, then staff are told; when a reconciliation fetches it again, it prints and the notice clears',
  async ({ app, wix }) => {
    const order = makeWixOrder({});
    const jwt = await signWixWebhook(orderCreatedDelivery(withoutLineItems(order)), app.keys.privateKey);
    assert.is((await post(app, jwt)).status, 200);

    const [notice] = await eventually('the notice', async () => {
      const list = (await shown(app)).filter((open) => open.orderId === order.id);
      return list[0]?.state === 'needs-attention' ? list : undefined;
    });
    assert.match(notice?.fetchError ?? '', /404/);
    await eventually('the alert', () => alertsAbout(app, 'AlertRaised', order.id).length === 1);

    // Created days ago: outside the reconciliation's search, so only the fetch by id can find it.
    wix.addOrder(order);
    assert.is((await app.request('POST', '/commands/reconcile')).status, 200);

    assert.equal(typesOf(app, `order-${order.id}`), [
      'OrderUnreadable',
      'OrderFetchFailed',
      'OrderReceived',
      'OrderFetched',
    ]);
    assert.equal(await shown(app), []);
    await eventually('the alert cleared', () => alertsAbout(app, 'AlertCleared', order.id).length === 1);
    assert.equal(ticketsFor(app, order.id), ['customer', 'kitchen']);
  },
);

const restart = suite('unreadable orders across a restart');

restart(
  'given unreadable orders still open when the service stopped, when it starts again with the Wix API, then they are fetched or found and cleared',
  async () => {
    const first = await startTestService();
    const order = makeWixOrder({});
    await post(
      first,
      await signWixWebhook(orderCreatedDelivery(withoutLineItems(order)), first.keys.privateKey),
    );
    const nameless = await post(first, await signWixPayload('{"no":"envelope"}', first.keys.privateKey));
    const { webhookId } = (await nameless.json()) as { webhookId: string };
    await eventually('both listed for staff', async () => (await shown(first)).length === 2);
    await first.stop();
    const still = await startTestService({ dataDir: first.dataDir, keys: first.keys });
    const remembered = await shown(still);
    await still.stop();
    assert.equal(
      remembered.map((open) => [open.orderId ?? open.webhookId, open.state]),
      [
        [order.id, 'needs-attention'],
        [webhookId, 'needs-attention'],
      ],
    );

    const wix = await startFakeWixApi({ apiKey, siteId, orders: [order] });
    const again = await startTestService({
      dataDir: first.dataDir,
      keys: first.keys,
      config: { wix: { retries: 0 } },
      env: { BONRELAY_WIX_API_BASE: wix.baseUrl, BONRELAY_WIX_API_KEY: apiKey, BONRELAY_WIX_SITE_ID: siteId },
    });
    try {
      await eventually('both closed', async () => (await shown(again)).length === 0);
      assert.equal(typesOf(again, `order-${order.id}`), [
        'OrderUnreadable',
        'OrderFetchFailed',
        'OrderReceived',
        'OrderFetched',
      ]);
      assert.equal(ticketsFor(again, order.id), ['customer', 'kitchen']);
      await eventually(
        'both alerts cleared',
        () =>
          alertsAbout(again, 'AlertCleared', order.id).length === 1 &&
          alertsAbout(again, 'AlertCleared', webhookId).length === 1,
      );
    } finally {
      await again.stop();
      await wix.close();
    }
  },
);

withoutApi.run();
withApi.run();
restart.run();
