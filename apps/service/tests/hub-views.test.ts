import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { allRows, type Row, sitesViews, viewRoutes } from './support/site-views-at-hub.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

async function takeOrder(site: TestService): Promise<void> {
  const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
  assert.is((await site.request('GET', '/health')).status, 200);
  assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
}

async function siteRows(site: TestService, path: string, key: string): Promise<Row[]> {
  return allRows(site.url, path, key, 500);
}

async function hubRows(hub: TestHub, path: string, key: string): Promise<Row[]> {
  return allRows(hub.url, path, key);
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] the hub's orders, print jobs and offline periods are each site's own with its site, and without ?site= their union`, async () => {
    const url = await database.fresh();
    const hub = await startTestHub(url);
    const replica = await startTestHub(url);
    const sites: Record<string, TestService> = {};
    try {
      for (const siteId of ['mitte', 'wedding']) {
        const token = await registerSite(hub, siteId);
        sites[siteId] = await startTestService({
          env: siteHubEnv(hub.url, siteId, token),
          config: fastHubConfig,
        });
      }
      const mitte = sites.mitte!;
      const wedding = sites.wedding!;
      await takeOrder(mitte);
      await takeOrder(wedding);
      await mitte.printer.setMode('offline');
      await eventually('mitte to see its printer off', async () => {
        const periods = await siteRows(mitte, '/api/offline-periods', 'offlinePeriods');
        return periods.length === 1;
      });
      await takeOrder(mitte);
      await takeOrder(mitte);
      await mitte.printer.setMode('online');
      await eventually('mitte to print its backlog and close the outage', async () => {
        const jobs = await siteRows(mitte, '/api/print-jobs', 'printJobs');
        const periods = await siteRows(mitte, '/api/offline-periods', 'offlinePeriods');
        return jobs.length === 6 && jobs.every((job) => job.state === 'printed') && periods[0]?.end;
      });
      await eventually('wedding to print', async () => {
        const jobs = await siteRows(wedding, '/api/print-jobs', 'printJobs');
        return jobs.length === 2 && jobs.every((job) => job.state === 'printed');
      });
      const expected = await sitesViews(sites);
      assert.is(expected.orders!.mitte!.length, 3);
      const shown = (await siteRows(mitte, '/api/orders', 'orders'))[0] as Row;
      assert.ok(((shown.order as Row).customer as Row).firstName, 'the site itself opens its guests');
      assert.is(expected.offlinePeriods!.mitte!.length, 1);

      for (const [path, key] of viewRoutes) {
        for (const siteId of Object.keys(sites)) {
          await eventually(`the hub's ${path}?site=${siteId} to equal the site's own`, async () => {
            const rows = await hubRows(hub, `${path}?site=${siteId}`, key);
            return JSON.stringify(rows) === JSON.stringify(expected[key]![siteId]) ? rows : undefined;
          }).catch(async (error: unknown) => {
            assert.equal(await hubRows(hub, `${path}?site=${siteId}`, key), expected[key]![siteId]);
            throw error;
          });
        }
        const union = [...expected[key]!.mitte!, ...expected[key]!.wedding!];
        assert.equal(await hubRows(hub, path, key), union, `${path} without ?site= is the union`);
        assert.equal(await hubRows(replica, path, key), union, `a replica answers ${path} the same`);
      }

      const audit = await cli(['audit', 'offline', '--site', 'mitte', '--json'], {
        BONRELAY_ROLE: 'hub',
        BONRELAY_DATABASE_URL: url,
      });
      assert.is(audit.code, 0, audit.err);
      const audited = JSON.parse(audit.out) as { site: string; offlinePeriods: Row[] };
      assert.equal(
        audited.offlinePeriods.map((period) => ({ site: audited.site, ...period })),
        expected.offlinePeriods!.mitte,
        '`audit offline --site mitte` on the hub reads as the site audits itself',
      );
      const table = await cli(['audit', 'offline', '--site', 'mitte'], { BONRELAY_DATABASE_URL: url });
      assert.match(table.out, /^printer:printer +\S+ +\S+ .* offline /m);
      assert.is(
        (await cli(['audit', 'offline', '--site', 'nowhere'], { BONRELAY_DATABASE_URL: url })).code,
        1,
      );

      const unknown = await fetch(`${hub.url}/api/orders?site=nowhere`);
      assert.is(unknown.status, 404);
      const bad = await fetch(`${hub.url}/api/orders?site=mitte&colour=red`);
      assert.is(bad.status, 400);

      const overview = await (await fetch(`${replica.url}/`)).text();
      assert.match(
        overview,
        /<tr data-site="mitte"[\s\S]*?<td class="outage"><a href="\/api\/offline-periods\?site=mitte">printer:printer /,
      );
      assert.match(overview, /<a href="\/api\/orders\?site=mitte">orders<\/a>/);
      assert.match(overview, /<tr data-site="wedding"[\s\S]*?<td class="outage">none<\/td>/);
    } finally {
      for (const site of Object.values(sites)) await site.stop();
      await hub.stop();
      await replica.stop();
    }
  });
}

test.run();
