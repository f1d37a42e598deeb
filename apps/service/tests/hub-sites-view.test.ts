import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteOverview } from '../src/hub/hub-queries.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

async function takeOrder(site: TestService): Promise<void> {
  const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
  assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
}

async function overview(hub: TestHub, siteId: string): Promise<SiteOverview | undefined> {
  const answer = (await (await fetch(`${hub.url}/api/sites`)).json()) as { sites: SiteOverview[] };
  return answer.sites.find((site) => site.site === siteId);
}

async function caughtUp(hub: TestHub, site: TestService, siteId: string): Promise<SiteOverview> {
  return eventually('the hub to have the whole log', async () => {
    const row = await overview(hub, siteId);
    return row && row.replicatedPosition === site.service.store.lastPosition() ? row : undefined;
  });
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] GET /api/sites shows each site's contact, position, mode, printers and queue, from the replicated events`, async () => {
    const url = await database.fresh();
    const hub = await startTestHub(url);
    const replica = await startTestHub(url);
    const mitteToken = await registerSite(hub, 'mitte', 'inst-mitte');
    await registerSite(hub, 'wedding');
    const site = await startTestService({
      env: siteHubEnv(hub.url, 'mitte', mitteToken),
      config: fastHubConfig,
    });
    try {
      await takeOrder(site);
      await site.printer.waitForJobs(2);
      await eventually(
        'the printer to be seen online',
        async () => (await overview(hub, 'mitte'))?.printers.printer === 'online',
      );
      await site.printer.setMode('offline');
      await eventually('the site to see its printer off', () =>
        site.service.store
          .read({ types: ['PrinterStatusChanged'] })
          .some((event) => (event.data as { to: string }).to === 'offline'),
      );
      await takeOrder(site);
      await takeOrder(site);
      const row = await caughtUp(hub, site, 'mitte');
      assert.is(row.printers.printer, 'offline');
      assert.is(row.mode, 'offline');
      assert.is(row.queueDepth, 4, 'two orders × kitchen + customer tickets wait');
      assert.is(row.wixInstance, 'inst-mitte');
      assert.ok(row.lastContactAt && row.lastEventAt);
      assert.equal(await overview(replica, 'mitte'), row, 'a replica answers the same from the database');
      const idle = await overview(hub, 'wedding');
      assert.equal(
        [idle?.replicatedPosition, idle?.mode, idle?.queueDepth, idle?.lastContactAt],
        [0, 'unknown', 0, null],
      );

      const page = await (await fetch(`${replica.url}/`)).text();
      assert.match(
        page,
        /<tr data-site="mitte" data-mode="offline">[\s\S]*printer: offline[\s\S]*<td>4<\/td>/,
      );
      assert.match(page, /<tr data-site="wedding" data-mode="unknown">[\s\S]*<td>never<\/td>/);

      await site.printer.setMode('online');
      const drained = await eventually('the queue to drain at the hub', async () => {
        const now = await caughtUp(hub, site, 'mitte');
        return now.queueDepth === 0 ? now : undefined;
      });
      assert.is(drained.mode, 'online');
    } finally {
      await site.stop();
      await hub.stop();
      await replica.stop();
    }
  });

  test(`[${database.dialect}] GET /api/events?site= pages one site's replicated events, each carrying its site`, async () => {
    const hub = await startTestHub(await database.fresh());
    const token = await registerSite(hub, 'mitte');
    const site = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
    try {
      await takeOrder(site);
      // The site goes on printing and logging after this: later events may reach the hub too.
      const { replicatedPosition } = await caughtUp(hub, site, 'mitte');
      type Page = { events: { site: string; position: number; type: string }[]; next: number | null };
      const first = (await (await fetch(`${hub.url}/api/events?site=mitte&limit=2`)).json()) as Page;
      assert.equal(
        first.events.map((event) => [event.site, event.position]),
        [
          ['mitte', 1],
          ['mitte', 2],
        ],
      );
      assert.is(first.next, 2);
      const rest = (await (
        await fetch(`${hub.url}/api/events?site=mitte&after=2&limit=1000`)
      ).json()) as Page;
      const positions = rest.events.map((event) => event.position);
      assert.equal(
        positions,
        positions.map((_, index) => index + 3),
        'every event after 2, in order, none missing',
      );
      assert.ok(positions.length >= replicatedPosition - 2, 'at least all the hub held when caught up');
      const other = (await (await fetch(`${hub.url}/api/events?site=wedding`)).json()) as Page;
      assert.equal(other.events, []);
      const orders = (await (
        await fetch(`${hub.url}/api/events?site=mitte&type=OrderReceived`)
      ).json()) as Page;
      assert.equal(
        orders.events.map((event) => event.type),
        ['OrderReceived'],
      );
    } finally {
      await site.stop();
      await hub.stop();
    }
  });
}

test.run();
