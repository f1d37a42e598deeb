import type { EventDataByType } from '@bonrelay/domain';
import { type FakeWixApi, makeWixOrder, startFakeWixApi, type WixOrder } from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, countOf, postWixOrder, serviceEnvironment } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';
const intervalMs = 300;

interface Context {
  wix: FakeWixApi;
  app: TestService;
}
const catchUp = suite<Context>('periodic catch-up with Wix while the internet is up');

async function start(context: Context, config: Record<string, unknown> = {}) {
  context.wix = await startFakeWixApi({ apiKey, siteId });
  context.app = await startTestService({
    config: {
      wix: {
        retries: 0,
        retryDelayMs: 10,
        reconcileIntervalMs: intervalMs,
        webhookGraceMs: 1_000,
        ...config,
      },
      tickets: { enabled: ['kitchen', 'cancellation'] },
    },
    env: wixEnvironment(context.wix),
  });
  await eventually(
    'the start-up reconciliation',
    () => countOf(context.app, 'ReconciliationCompleted') === 1,
  );
}

function wixEnvironment(wix: FakeWixApi): Record<string, string> {
  return { BONRELAY_WIX_API_BASE: wix.baseUrl, BONRELAY_WIX_API_KEY: apiKey, BONRELAY_WIX_SITE_ID: siteId };
}

catchUp.after.each(async (context) => {
  await context.app.stop();
  await context.wix.close();
});

function searches(wix: FakeWixApi) {
  return wix.requests.filter((request) => request.path === '/ecom/v1/orders/search');
}
function catchUpSearches(wix: FakeWixApi) {
  return searches(wix).filter((request) => JSON.stringify(request.body).includes('updatedDate'));
}
function kitchenPrinted(app: TestService, orderId: string): boolean {
  const jobs = app.service.store
    .read({ types: ['PrintJobQueued'] })
    .map((event) => event.data as EventDataByType['PrintJobQueued'])
    .filter((job) => job.orderId === orderId && job.ticket === 'kitchen')
    .map((job) => job.jobId);
  return app.service.store
    .read({ types: ['PrintJobPrinted'] })
    .some((event) => jobs.includes((event.data as EventDataByType['PrintJobPrinted']).jobId));
}
function orderNow(overrides: Partial<WixOrder> = {}): WixOrder {
  const now = new Date().toISOString();
  return makeWixOrder({ createdDate: now, updatedDate: now, ...overrides } as never);
}

catchUp(
  'given the internet is up and an order only Wix knows, when the next pass runs, then it prints within the interval + 30 s, with no restart',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const order = orderNow();
    wix.addOrder(order);
    const listedAt = Date.now();
    await eventually('the kitchen ticket printed', () => kitchenPrinted(app, order.id));
    const tookMs = Date.now() - listedAt;
    assert.ok(tookMs < intervalMs + 30_000, `printed ${tookMs} ms after Wix listed it`);
    const received = app.service.store.read({ types: ['OrderReceived'] });
    assert.equal(
      received.map((event) => (event.metadata as { source: string }).source),
      ['reconciliation'],
    );
    const pass = app.service.store.read({ types: ['WixCatchUpCompleted'] }).at(-1)
      ?.data as EventDataByType['WixCatchUpCompleted'];
    assert.equal([pass.appended, pass.cursor], [1, order.updatedDate]);
  },
);

catchUp(
  'given all is well, when passes run, then each is one request and the log does not grow',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    wix.addOrder(await postWixOrder(app, orderNow()));
    // Its tickets print (and are logged) whenever the printer gets to them: before the quiet stretch.
    await eventually('its tickets printed', () => {
      const queued = countOf(app, 'PrintJobQueued');
      return queued > 0 && countOf(app, 'PrintJobPrinted') === queued;
    });
    const first = catchUpSearches(wix).length;
    await eventually('one pass', () => catchUpSearches(wix).length > first);
    const position = app.service.store.lastPosition();
    const before = catchUpSearches(wix).length;
    const startedAt = Date.now();
    await eventually('three more passes', () => catchUpSearches(wix).length >= before + 3);
    const passes = catchUpSearches(wix).length - before;
    assert.is(app.service.store.lastPosition(), position, 'quiet passes append nothing');
    assert.ok(passes <= Math.ceil((Date.now() - startedAt) / intervalMs) + 1, 'one request per pass');
    const metrics = await (await app.request('GET', '/metrics')).text();
    assert.match(metrics, /bonrelay_wix_catch_up_passes_total\{outcome="quiet"\} [1-9]/);
  },
);

catchUp(
  'given an order that comes both by webhook and by catch-up, when both run, then it is one order with one kitchen ticket',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const order = orderNow();
    wix.addOrder(order);
    await postWixOrder(app, order);
    const before = catchUpSearches(wix).length;
    await eventually('two passes over it', () => catchUpSearches(wix).length >= before + 2);
    assert.is(countOf(app, 'OrderReceived'), 1);
    const kitchen = app.service.store
      .read({ types: ['PrintJobQueued'] })
      .filter((event) => (event.data as EventDataByType['PrintJobQueued']).ticket === 'kitchen');
    assert.is(kitchen.length, 1);
    assert.is(countOf(app, 'WixCatchUpCompleted'), 0, 'nothing was missing');
  },
);

catchUp(
  'given an order that came by webhook, when it is cancelled in Wix and its webhook is lost, then catch-up prints the cancellation slip',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const order = orderNow();
    await postWixOrder(app, order);
    await eventually('the kitchen ticket printed', () => kitchenPrinted(app, order.id));
    wix.addOrder({ ...order, status: 'CANCELED', updatedDate: new Date().toISOString() } as WixOrder);
    await eventually('the cancellation', () => countOf(app, 'OrderCanceled') === 1);
    await eventually('a cancellation slip queued', () =>
      app.service.store
        .read({ types: ['PrintJobQueued'] })
        .some((event) => (event.data as EventDataByType['PrintJobQueued']).ticket === 'cancellation'),
    );
    const pass = app.service.store.read({ types: ['WixCatchUpCompleted'] }).at(-1)
      ?.data as EventDataByType['WixCatchUpCompleted'];
    assert.equal([pass.appended, pass.changed], [0, 1]);
  },
);

catchUp(
  'given an order that came by webhook awaiting approval, when it is approved in Wix and that webhook is lost, then catch-up sends it to the kitchen',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const order = await postWixOrder(app, orderNow({ status: 'INITIALIZED' } as Partial<WixOrder>));
    assert.is(countOf(app, 'PrintJobQueued'), 0, 'nothing prints before approval');
    wix.addOrder({ ...order, status: 'APPROVED', updatedDate: new Date().toISOString() } as WixOrder);
    await eventually('the kitchen ticket printed', () => kitchenPrinted(app, order.id));
    assert.is(countOf(app, 'OrderApproved'), 1);
    assert.is(countOf(app, 'OrderReceived'), 1);
  },
);

catchUp(
  'given webhooks stop arriving, when catch-up finds an order past the grace, then WebhookDeliveryGap, the status and an alert follow; the next webhook restores it',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    await postWixOrder(app, orderNow());
    const missed = orderNow();
    wix.addOrder(missed);
    const gap = await eventually(
      'the gap',
      () =>
        app.service.store.read({ types: ['WebhookDeliveryGap'] })[0]
          ?.data as EventDataByType['WebhookDeliveryGap'],
    );
    assert.equal([gap.orders, gap.oldestOrderId, gap.oldestUpdatedAt], [1, missed.id, missed.updatedDate]);
    assert.type(gap.lastWebhookAt, 'string');
    const status = await app.json<{ wix: { webhookPath: { status: string } } }>('/connectivity/status');
    assert.is(status.wix.webhookPath.status, 'gap');
    const alert = await eventually('the alert', () =>
      app.service.store
        .read({ types: ['AlertRaised'] })
        .map((event) => event.data as EventDataByType['AlertRaised'])
        .find((raised) => raised.kind === 'webhook-delivery-gap'),
    );
    assert.match(alert.message, /Wix cannot reach this box/);
    const doctor = await cli(['doctor'], { ...serviceEnvironment(app), ...wixEnvironment(wix) });
    assert.match(doctor.out, /\[warn\] Wix webhooks +not arriving since/, doctor.out);
    const audit = await cli(['audit', 'offline'], serviceEnvironment(app));
    assert.match(audit.out, /webhook-path .* \(still offline\) .* webhooks not arriving/);

    const more = orderNow();
    wix.addOrder(more);
    await eventually('the second missed order', () => kitchenPrinted(app, more.id));
    assert.is(countOf(app, 'WebhookDeliveryGap'), 1, 'one event per gap');

    await postWixOrder(app, orderNow());
    const restored = app.service.store.read({ types: ['WebhookDeliveryRestored'] })[0]
      ?.data as EventDataByType['WebhookDeliveryRestored'];
    assert.is(restored?.gapStartedAt, gap.detectedAt);
    const after = await app.json<{ wix: { webhookPath: { status: string } } }>('/connectivity/status');
    assert.is(after.wix.webhookPath.status, 'ok');
    await eventually('the alert cleared', () => countOf(app, 'AlertCleared') === 1);
    const periods = await app.json<{ offlinePeriods: { component: string; end?: string }[] }>(
      '/api/offline-periods',
    );
    const path = periods.offlinePeriods.find((period) => period.component === 'webhook-path');
    assert.ok(path?.end, 'the audit lists the gap, closed');
  },
);

catchUp.run();
