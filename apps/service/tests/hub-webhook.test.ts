import {
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  signWixWebhook,
  type WixKeyPair,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const keys: WixKeyPair = await generateWixKeyPair();

/** One Wix delivery: signing again would make a new webhook id, so a redelivery posts the same token. */
function signed(orderId: string, instanceId: string): Promise<string> {
  const order = makeWixOrder({ id: orderId } as never);
  return signWixWebhook(orderApprovedDelivery(order, { instanceId }), keys.privateKey);
}

async function postTo(url: string, orderId: string, instanceId: string, token?: string) {
  const jwt = token ?? (await signed(orderId, instanceId));
  const response = await fetch(`${url}/webhooks/wix`, {
    method: 'POST',
    body: jwt,
    headers: { 'content-type': 'text/plain' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function ordersAt(site: TestService): string[] {
  return site.service.store
    .read({ types: ['OrderReceived'] })
    .map((event) => (event.data as { order: { id: string } }).order.id);
}

async function hubWithSite(url: string, siteId: string, instanceId: string) {
  const hub = await startTestHub(url, {
    env: { BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem, BONRELAY_CONFIG: '' },
  });
  const token = await registerSite(hub, siteId, instanceId);
  return { hub, token };
}

async function siteOf(hub: TestHub, siteId: string, token: string, dataDir?: string) {
  return startTestService({
    env: siteHubEnv(hub.url, siteId, token),
    config: fastHubConfig,
    keys,
    ...(dataDir ? { dataDir } : {}),
  });
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] an order posted to the hub's public webhook is routed by its Wix instance, pulled by its site and printed there once`, async () => {
    const { hub, token } = await hubWithSite(await database.fresh(), 'mitte', 'inst-mitte');
    const site = await siteOf(hub, 'mitte', token);
    try {
      const delivery = await signed('order-1', 'inst-mitte');
      const answer = await postTo(hub.url, 'order-1', 'inst-mitte', delivery);
      assert.equal([answer.status, answer.body.routed, answer.body.site], [200, true, 'mitte']);
      const redelivered = await postTo(hub.url, 'order-1', 'inst-mitte', delivery);
      assert.equal([redelivered.status, redelivered.body.duplicate], [200, true]);
      await site.printer.waitForJobs(2);
      assert.equal(ordersAt(site), ['order-1']);
      const forged = await fetch(`${hub.url}/webhooks/wix`, { method: 'POST', body: 'not.a.jwt' });
      assert.is(forged.status, 401);
    } finally {
      await site.stop();
      await hub.stop();
    }
  });

  test(`[${database.dialect}] an order for an unknown Wix instance gets 200, one OrderUnroutable and an alert in the log`, async () => {
    const { hub } = await hubWithSite(await database.fresh(), 'mitte', 'inst-mitte');
    try {
      const delivery = await signed('order-x', 'inst-nobody');
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await postTo(hub.url, 'order-x', 'inst-nobody', delivery);
        assert.equal([answer.status, answer.body.routed], [200, false]);
      }
      const recorded = await hub.hub.database.db
        .selectFrom('hub_events')
        .selectAll()
        .orderBy('type')
        .execute();
      assert.equal(
        recorded.map((row) => row.type),
        ['AlertRaised', 'OrderUnroutable'],
      );
      assert.match(recorded[1]?.data ?? '', /inst-nobody/);
      assert.is(hub.logLines.filter((line) => line.includes('"alert":"order-unroutable"')).length, 1);
      const routed = await hub.hub.database.db.selectFrom('hub_routed_orders').selectAll().execute();
      assert.equal(routed, []);
    } finally {
      await hub.stop();
    }
  });

  test(`[${database.dialect}] an order that arrives both ways (hub and the site's own webhook) is one order and prints once`, async () => {
    const { hub, token } = await hubWithSite(await database.fresh(), 'mitte', 'inst-mitte');
    const site = await siteOf(hub, 'mitte', token);
    try {
      const delivery = await signed('order-2', 'inst-mitte');
      assert.is((await postTo(site.url, 'order-2', 'inst-mitte', delivery)).status, 200);
      assert.is((await postTo(hub.url, 'order-2', 'inst-mitte', delivery)).status, 200);
      // Another delivery about the same order (a new webhook id) still makes one order.
      assert.is((await postTo(hub.url, 'order-2', 'inst-mitte')).status, 200);
      await eventually('the site to have pulled the routed copy', async () => {
        const row = await hub.hub.database.db
          .selectFrom('hub_site_summary')
          .select('order_cursor')
          .executeTakeFirst();
        const health = await site.json<{ hub: { orders: { cursor: number } } }>('/health');
        return health.hub.orders.cursor === 2 && row;
      });
      await site.printer.waitForJobs(2);
      assert.equal(ordersAt(site), ['order-2']);
      assert.is(site.service.store.read({ types: ['PrintJobQueued'] }).length, 2);
    } finally {
      await site.stop();
      await hub.stop();
    }
  });

  test(`[${database.dialect}] while a site is offline the hub holds its orders; on reconnect it catches up from its cursor`, async () => {
    const { hub, token } = await hubWithSite(await database.fresh(), 'mitte', 'inst-mitte');
    let site = await siteOf(hub, 'mitte', token);
    const dataDir = site.dataDir;
    try {
      await postTo(hub.url, 'order-a', 'inst-mitte');
      await eventually('order-a at the site', () => ordersAt(site).includes('order-a'));
      await site.stop();
      await postTo(hub.url, 'order-b', 'inst-mitte');
      await postTo(hub.url, 'order-c', 'inst-mitte');
      site = await siteOf(hub, 'mitte', token, dataDir);
      await eventually('the held orders at the site', () => ordersAt(site).length === 3);
      assert.equal(ordersAt(site), ['order-a', 'order-b', 'order-c']);
      const held = await eventually('the hub to drop what the site confirmed', async () => {
        const rows = await hub.hub.database.db
          .selectFrom('hub_routed_orders')
          .selectAll()
          .orderBy('sequence')
          .execute();
        return rows.every((row) => row.webhook === '') ? rows : undefined;
      });
      assert.equal(
        held.map((row) => [row.sequence, row.order_id]),
        [
          [1, 'order-a'],
          [2, 'order-b'],
          [3, 'order-c'],
        ],
        'the record of routing stays, the guest does not',
      );
      await site.printer.waitForJobs(4);
      assert.is(site.service.store.read({ types: ['PrintJobQueued'] }).length, 6);
    } finally {
      await site.stop();
      await hub.stop();
    }
  });
}

test.run();
