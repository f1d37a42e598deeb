import type { EventDataByType } from '@bonrelay/domain';
import {
  type FakeWixApi,
  makeWixOrder,
  orderCreatedDelivery,
  signWixWebhook,
  startFakeWixApi,
} from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, countOf, serviceEnvironment } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';
const minute = 60_000;

interface Context {
  wix?: FakeWixApi;
  app: TestService;
}
const clock = suite<Context>('a wrong clock does not lose orders');

clock.after.each(async (context) => {
  await context.app.stop();
  await context.wix?.close();
  context.wix = undefined;
});

/** The service's clock `aheadMs` ahead of the real one (Wix's), as after a Pi booted with a stale time. */
function skewedBy(aheadMs: number) {
  return { clock: () => new Date(Date.now() + aheadMs) };
}

async function postFreshOrder(app: TestService, expiresInSeconds: number): Promise<Response> {
  const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder()), app.keys.privateKey, {
    expiresInSeconds,
  });
  return app.request('POST', '/webhooks/wix', jwt);
}

clock(
  'given our clock runs 4 min ahead and Wix signs for 1 min, when a webhook arrives, then it is accepted within wix.clockToleranceMs and the skew is recorded once',
  async (context) => {
    context.app = await startTestService({ overrides: skewedBy(4 * minute) });
    const { app } = context;
    assert.is((await postFreshOrder(app, 60)).status, 200);
    assert.is((await postFreshOrder(app, 60)).status, 200);
    const skews = app.service.store.read({ types: ['ClockSkew'] });
    assert.is(skews.length, 1, 'one event, not one per webhook');
    const skew = skews[0]?.data as EventDataByType['ClockSkew'];
    assert.is(skew.source, 'webhook-iat');
    assert.ok(Math.abs(skew.offsetMs + 4 * minute) < 5_000, `offset ${skew.offsetMs}`);
    const status = await app.json<{ wix: { clock: { skewed: boolean; offsetMs: number } } }>(
      '/connectivity/status',
    );
    assert.is(status.wix.clock.skewed, true);
    const alert = await eventually('the clock alert', () =>
      app.service.store
        .read({ types: ['AlertRaised'] })
        .map((event) => event.data as EventDataByType['AlertRaised'])
        .find((raised) => raised.kind === 'clock-skew'),
    );
    assert.match(alert.message, /4 min ahead of Wix/);
  },
);

clock('given no tolerance, when the same webhook arrives, then it is refused as expired', async (context) => {
  context.app = await startTestService({
    overrides: skewedBy(4 * minute),
    config: { wix: { clockToleranceMs: 0 } },
  });
  const response = await postFreshOrder(context.app, 60);
  assert.is(response.status, 401);
  assert.is(((await response.json()) as { error: string }).error, 'expired');
  assert.is(countOf(context.app, 'ClockSkew'), 1, 'an expired but signed token still measures the clock');
});

clock(
  "given Wix's Date header 10 min ahead of ours, when the service asks Wix, then ClockSkew is recorded once; when the clocks agree again, once more",
  async (context) => {
    let wixAheadMs = 10 * minute;
    context.wix = await startFakeWixApi({ apiKey, siteId, clock: () => new Date(Date.now() + wixAheadMs) });
    context.app = await startTestService({
      config: { wix: { reconcileIntervalMs: 200 } },
      env: {
        BONRELAY_WIX_API_BASE: context.wix.baseUrl,
        BONRELAY_WIX_API_KEY: apiKey,
        BONRELAY_WIX_SITE_ID: siteId,
      },
    });
    const { app, wix } = context;
    const skew = await eventually(
      'the skew',
      () => app.service.store.read({ types: ['ClockSkew'] })[0]?.data as EventDataByType['ClockSkew'],
    );
    assert.is(skew.source, 'wix-api-date');
    assert.ok(Math.abs(skew.offsetMs - 10 * minute) < 2_000, `offset ${skew.offsetMs}`);
    const requests = wix.requests.length;
    await eventually('three more passes', () => wix.requests.length >= requests + 3);
    assert.is(countOf(app, 'ClockSkew'), 1);
    const doctor = await cli(['doctor'], {
      ...serviceEnvironment(app),
      BONRELAY_WIX_API_BASE: wix.baseUrl,
      BONRELAY_WIX_API_KEY: apiKey,
      BONRELAY_WIX_SITE_ID: siteId,
    });
    assert.match(doctor.out, /\[warn\] clock {14}10 min behind Wix's/);
    assert.match(doctor.out, /\[warn\] clock \(service\) +the service measured 10 min behind/);

    wixAheadMs = 0;
    await eventually('the clocks agree again', () => countOf(app, 'ClockSkew') === 2);
    const back = app.service.store.read({ types: ['ClockSkew'] })[1]?.data as EventDataByType['ClockSkew'];
    assert.ok(Math.abs(back.offsetMs) < 2_000);
    await eventually('the clock alert cleared', () =>
      app.service.store
        .read({ types: ['AlertCleared'] })
        .some((event) => (event.data as EventDataByType['AlertCleared']).kind === 'clock-skew'),
    );
  },
);

clock(
  'given our clock runs 2 h ahead of Wix, when an order exists only at Wix, then catch-up still finds and prints it (the cursor is in Wix time)',
  async (context) => {
    context.wix = await startFakeWixApi({ apiKey, siteId });
    context.app = await startTestService({
      overrides: skewedBy(120 * minute),
      config: { wix: { reconcileIntervalMs: 200 } },
      env: {
        BONRELAY_WIX_API_BASE: context.wix.baseUrl,
        BONRELAY_WIX_API_KEY: apiKey,
        BONRELAY_WIX_SITE_ID: siteId,
      },
    });
    const { app, wix } = context;
    await eventually('the start-up reconciliation', () => countOf(app, 'ReconciliationCompleted') === 1);
    const now = new Date().toISOString();
    const order = makeWixOrder({ createdDate: now, updatedDate: now } as never);
    wix.addOrder(order);
    await eventually('the order received', () => countOf(app, 'OrderReceived') === 1);
    const search = wix.requests.findLast((request) => JSON.stringify(request.body).includes('updatedDate'));
    assert.ok(search, 'catch-up searched');
    const body = search.body as { search: { filter: { updatedDate: { $gte: string } } } };
    const from = body.search.filter.updatedDate.$gte;
    assert.ok(Date.parse(from) <= Date.parse(now), `searched from ${from}, the order changed at ${now}`);
  },
);

clock(
  'given the Wix API agrees with our clock, when a delivery signed an hour ago arrives (a retry after an outage), then no ClockSkew',
  async (context) => {
    context.wix = await startFakeWixApi({ apiKey, siteId });
    context.app = await startTestService({
      env: {
        BONRELAY_WIX_API_BASE: context.wix.baseUrl,
        BONRELAY_WIX_API_KEY: apiKey,
        BONRELAY_WIX_SITE_ID: siteId,
      },
    });
    const { app } = context;
    await eventually('the start-up reconciliation', () => countOf(app, 'ReconciliationCompleted') === 1);
    const late = await signWixWebhook(orderCreatedDelivery(makeWixOrder()), app.keys.privateKey, {
      now: new Date(Date.now() - 60 * minute),
      expiresInSeconds: 2 * 3600,
    });
    assert.is((await app.request('POST', '/webhooks/wix', late)).status, 200);
    assert.is(countOf(app, 'ClockSkew'), 0);
  },
);

clock.run();
