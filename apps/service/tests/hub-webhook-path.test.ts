import type { EventDataByType } from '@bonrelay/domain';
import {
  type FakeWixApi,
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  signWixWebhook,
  startFakeWixApi,
  type WixKeyPair,
  type WixOrder,
} from '@bonrelay/wix-fake';
import { chromium } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recordedPathFindings } from '../src/webhook-path/doctor-findings.ts';
import { countOf, postWixOrder } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const keys: WixKeyPair = await generateWixKeyPair();
const apiKey = 'fake-wix-api-key';
const wixSiteId = 'fake-site-id';
const graceMs = 1_000;
const sqlite = hubDatabasesUnderTest().find((database) => database.dialect === 'sqlite');

function orderNow(): WixOrder {
  const now = new Date().toISOString();
  return makeWixOrder({ createdDate: now, updatedDate: now } as never);
}

/** Wix posts an order to the group's public webhook, at the hub. */
async function postToHub(hub: TestHub, order: WixOrder) {
  const jwt = await signWixWebhook(
    orderApprovedDelivery(order, { instanceId: 'inst-mitte' }),
    keys.privateKey,
  );
  const response = await fetch(`${hub.url}/webhooks/wix`, { method: 'POST', body: jwt });
  assert.is(response.status, 200);
}

function gaps(site: TestService) {
  return site.service.store
    .read({ types: ['WebhookDeliveryGap'] })
    .map((event) => event.data as EventDataByType['WebhookDeliveryGap']);
}

function hasOrder(site: TestService, orderId: string): boolean {
  return site.service.store
    .read({ types: ['OrderReceived'] })
    .some((event) => (event.data as EventDataByType['OrderReceived']).order.id === orderId);
}

interface World {
  hub: TestHub;
  hubDatabase: string;
  token: string;
  wix: FakeWixApi;
  site: TestService;
}

/** A hub with site "mitte" that also runs catch-up against the fake Wix, fast enough for a spec. */
async function world(): Promise<World> {
  const hubDatabase = await (sqlite as NonNullable<typeof sqlite>).fresh();
  const hub = await startTestHub(hubDatabase, {
    env: { BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem, BONRELAY_CONFIG: '' },
  });
  const token = await registerSite(hub, 'mitte', 'inst-mitte');
  const wix = await startFakeWixApi({ apiKey, siteId: wixSiteId });
  const site = await startTestService({
    env: {
      ...siteHubEnv(hub.url, 'mitte', token),
      BONRELAY_WIX_API_BASE: wix.baseUrl,
      BONRELAY_WIX_API_KEY: apiKey,
      BONRELAY_WIX_SITE_ID: wixSiteId,
    },
    config: {
      ...fastHubConfig,
      wix: { retries: 0, retryDelayMs: 10, reconcileIntervalMs: 200, webhookGraceMs: graceMs },
    },
    keys,
  });
  await eventually('the order stream to connect', async () => {
    const health = await site.json<{ hub: { orders: { state: string } } }>('/health');
    return health.hub.orders.state === 'connected';
  });
  return { hub, hubDatabase, token, wix, site };
}

async function end({ hub, wix, site }: World) {
  await site.stop();
  await hub.stop();
  await wix.close();
}

/** Waits until catch-up ran twice more after `ms` from now: a verdict due by then has been given. */
async function passesAfter(world: World, ms: number) {
  const due = Date.now() + ms;
  let passes = Number.POSITIVE_INFINITY;
  await eventually('two catch-up passes after the grace', () => {
    if (Date.now() < due) return false;
    passes = Math.min(passes, world.wix.requests.length);
    return world.wix.requests.length >= passes + 2;
  });
}

/** Waits for catch-up to have seen everything Wix lists now, and the grace after it to run out. */
async function afterGrace(world: World, ...orders: WixOrder[]) {
  await eventually('catch-up to hold the orders', () =>
    orders.every((order) => hasOrder(world.site, order.id)),
  );
  await passesAfter(world, graceMs);
}

test('given a hub-fed site, when catch-up fetched an order first and the hub stream brings it within the grace, then the webhook path stays fine', async () => {
  const w = await world();
  try {
    const order = orderNow();
    w.wix.addOrder(order);
    await eventually('catch-up to fetch it first', () => hasOrder(w.site, order.id));
    await postToHub(w.hub, order);
    await eventually('the hub to hand it over', async () => {
      const health = await w.site.json<{ hub: { orders: { cursor: number } } }>('/health');
      return health.hub.orders.cursor === 1;
    });
    await afterGrace(w, order);
    assert.equal(gaps(w.site), [], 'an order by the hub stream is an order by webhook');
    const status = await w.site.json<{ wix: { webhookPath: { status: string } } }>('/connectivity/status');
    assert.is(status.wix.webhookPath.status, 'ok');
  } finally {
    await end(w);
  }
});

test('given a hub-fed site, when catch-up finds an order neither the hub nor a webhook brought, then a gap; the next order down the hub stream restores it', async () => {
  const w = await world();
  try {
    const missed = orderNow();
    w.wix.addOrder(missed);
    const gap = await eventually('the gap', () => gaps(w.site)[0]);
    assert.equal([gap.orders, gap.oldestOrderId, gap.cause], [1, missed.id, undefined]);

    const next = orderNow();
    await postToHub(w.hub, next);
    const restored = await eventually(
      'the path restored',
      () =>
        w.site.service.store.read({ types: ['WebhookDeliveryRestored'] })[0]?.data as
          | EventDataByType['WebhookDeliveryRestored']
          | undefined,
    );
    assert.is(restored.gapStartedAt, gap.detectedAt);
    assert.ok(hasOrder(w.site, next.id));
    assert.is(countOf(w.site, 'WebhookDeliveryGap'), 1);
  } finally {
    await end(w);
  }
});

test('given a hub-fed site without direct webhooks, when the hub stays unreachable past the grace, then a gap that names the hub, an alert, and the banner text; the hub back ends it', async () => {
  const w = await world();
  const port = w.hub.hub.port;
  try {
    await w.hub.stop();
    const gap = await eventually('the hub gap', () => gaps(w.site)[0]);
    assert.equal([gap.orders, gap.cause, gap.oldestOrderId], [0, 'hub-unreachable', undefined]);
    assert.type(gap.hubDownSince, 'string');
    assert.ok(Date.parse(gap.detectedAt) - Date.parse(gap.hubDownSince as string) >= graceMs);
    const status = await w.site.json<{
      wix: { webhookPath: { status: string; gap: { cause: string } } };
    }>('/connectivity/status');
    assert.equal(
      [status.wix.webhookPath.status, status.wix.webhookPath.gap.cause],
      ['gap', 'hub-unreachable'],
    );
    const alert = await eventually('the alert', () =>
      w.site.service.store
        .read({ types: ['AlertRaised'] })
        .map((event) => event.data as EventDataByType['AlertRaised'])
        .find((raised) => raised.kind === 'webhook-delivery-gap'),
    );
    assert.match(alert.message, /^The hub cannot be reached since /);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${w.site.url}/`);
      const banner = page.getByTestId('webhook-path-banner');
      await banner.waitFor({ timeout: 10_000 });
      const text = (await banner.textContent()) ?? '';
      assert.match(text, /The hub cannot be reached: its orders do not come to this box/);
      assert.match(text, /The hub’s order stream has been down since/);
      assert.not.match(text, /check the tunnel/);
      const gapBar = page.locator('[data-testid="timeline"] rect.bar[data-component="webhook-path"]').first();
      await gapBar.waitFor({ state: 'attached', timeout: 10_000 });
      assert.match(
        (await gapBar.locator('title').textContent()) ?? '',
        /^Wix webhooks: the hub cannot be reached\n/,
      );
    } finally {
      await browser.close();
    }

    const doctor = recordedPathFindings(w.site.service.store, 60_000).find(
      (finding) => finding.check === 'Wix webhooks',
    );
    assert.match(doctor?.detail ?? '', /^the hub cannot be reached since /);
    const periods = await w.site.json<{ offlinePeriods: { component: string; cause: string }[] }>(
      '/api/offline-periods',
    );
    assert.equal(
      periods.offlinePeriods
        .filter((period) => period.component === 'webhook-path')
        .map((period) => period.cause),
      ['hub unreachable'],
    );

    // An order only Wix knows while the hub is away: the same gap, not a second one.
    const meanwhile = orderNow();
    w.wix.addOrder(meanwhile);
    await afterGrace(w, meanwhile);
    assert.is(countOf(w.site, 'WebhookDeliveryGap'), 1);

    w.hub = await startTestHub(w.hubDatabase, {
      port,
      env: { BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem, BONRELAY_CONFIG: '' },
    });
    await eventually('the path restored', () => countOf(w.site, 'WebhookDeliveryRestored') === 1);
    await eventually('the alert cleared', () => countOf(w.site, 'AlertCleared') === 1);
  } finally {
    await end(w);
  }
});

test('given a hub-fed site whose own webhook works, when the hub is unreachable past the grace, then no gap: orders still reach it', async () => {
  const w = await world();
  try {
    await w.hub.stop();
    await eventually('the stream down', async () => {
      const health = await w.site.json<{ hub: { orders: { state: string } } }>('/health');
      return health.hub.orders.state === 'unreachable';
    });
    await postWixOrder(w.site, orderNow());
    await passesAfter(w, graceMs * 1.5);
    assert.equal(gaps(w.site), []);
  } finally {
    await w.site.stop();
    await w.wix.close();
  }
});

test.run();
