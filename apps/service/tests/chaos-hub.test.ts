import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWixKeyPair, makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { addSite } from '../src/hub/sites-registry.ts';
import { logRowReader } from '../src/replication/log-rows.ts';
import { startCuttableLink } from './chaos-support/cuttable-link.ts';
import {
  freePort,
  pullThePlug,
  type ServiceProcess,
  startServiceProcess,
  stopGracefully,
} from './chaos-support/service-process.ts';
import { deliverLikeWix } from './chaos-support/wix-retrying-client.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { allRows, type Row, sitesViews, viewRoutes } from './support/site-views-at-hub.ts';
import { fastHubConfig } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const siteCount = Number(process.env.BONRELAY_TEST_HUB_CHAOS_SITES ?? 3);
const ordersPerSite = Number(process.env.BONRELAY_TEST_HUB_CHAOS_ORDERS ?? 30);
const kills = Number(process.env.BONRELAY_TEST_HUB_CHAOS_KILLS ?? 3);
const cuts = Number(process.env.BONRELAY_TEST_HUB_CHAOS_CUTS ?? 3);
// Cuts and kills take turns, one per round of orders; replica B stops for good halfway.
const plan: ('cut' | 'kill' | 'stop-b')[] = Array.from({ length: Math.max(kills, cuts) }, (_, index) => [
  ...(index < cuts ? (['cut'] as const) : []),
  ...(index < kills ? (['kill'] as const) : []),
]).flat();
plan.splice(Math.floor(plan.length / 2), 0, 'stop-b');
const rounds = plan.length;
const keys = await generateWixKeyPair();

function orderIdsAt(site: TestService): string[] {
  return site.service.store
    .read({ types: ['OrderReceived'] })
    .map((event) => (event.data as { order: { id: string } }).order.id);
}

/** An outage still going on lasts until whenever it is asked about: compared without its duration. */
function withoutOpenDurations(rows: readonly Row[]): Row[] {
  return rows.map((row) => {
    if (!('durationMs' in row) || row.end !== undefined) return row;
    const { durationMs: _lastsUntilNow, ...rest } = row;
    return rest;
  });
}

function printedJobs(site: TestService): string[] {
  return site.service.store
    .read({ types: ['PrintJobPrinted'] })
    .map((event) => (event.data as { jobId: string }).jobId);
}

// The brief's proof at CI size: replicas SIGKILLed and restarted, the site link cut and restored,
// one replica stopped for good, while Wix keeps delivering through the hub and the sites keep printing.
const database = hubDatabasesUnderTest().at(-1);
if (database) {
  test(`[${database.dialect}] chaos: every site event reaches the hub once in the site's order; every routed order prints once`, async () => {
    const databaseUrl = await database.fresh();
    const dir = mkdtempSync(join(tmpdir(), 'bonrelay-hub-chaos-'));
    const configFile = join(dir, 'hub.json');
    writeFileSync(configFile, JSON.stringify({ hub: { orderPollWaitMs: 1_000, orderPollIntervalMs: 25 } }));
    const ports = [await freePort(), await freePort()] as const;
    const hubEnv = (port: number) => ({
      BONRELAY_ROLE: 'hub',
      BONRELAY_DATABASE_URL: databaseUrl,
      BONRELAY_PORT: String(port),
      BONRELAY_CONFIG: configFile,
      BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
      BONRELAY_LOG_LEVEL: 'info',
    });
    let replicaA: ServiceProcess = await startServiceProcess(hubEnv(ports[0]));
    const replicaB: ServiceProcess = await startServiceProcess(hubEnv(ports[1]));
    const link = await startCuttableLink(ports);
    const publicProxy = await startCuttableLink(ports);

    const registry = await openHubDatabase(databaseUrl, 1);
    const sites: TestService[] = [];
    try {
      for (let index = 0; index < siteCount; index++) {
        const added = await addSite(
          registry.db,
          { siteId: `site-${index}`, wixInstance: `inst-${index}` },
          new Date(),
        );
        if (!added.ok) throw new Error(added.problem);
        sites.push(
          await startTestService({
            keys,
            config: fastHubConfig,
            env: {
              BONRELAY_HUB_URL: link.url,
              BONRELAY_SITE_ID: `site-${index}`,
              BONRELAY_HUB_TOKEN: added.token,
            },
          }),
        );
      }
      const cutTheLink = async () => {
        link.cut();
        await new Promise((resolve) => setTimeout(resolve, 300));
        link.restore();
      };
      const killReplicaA = async () => {
        await pullThePlug(replicaA);
        replicaA = await startServiceProcess(hubEnv(ports[0]));
      };
      const chaos = plan.map((action) =>
        action === 'cut' ? cutTheLink : action === 'kill' ? killReplicaA : () => stopGracefully(replicaB),
      );
      const perRound = Math.ceil(ordersPerSite / rounds);
      let posted = 0;
      for (let round = 0; round < rounds; round++) {
        const deliveries: Promise<unknown>[] = [];
        for (let n = round * perRound; n < Math.min(ordersPerSite, (round + 1) * perRound); n++) {
          for (let index = 0; index < siteCount; index++) {
            const order = makeWixOrder({
              id: `site-${index}-order-${n}`,
              number: `${index}${String(n).padStart(4, '0')}`,
            } as never);
            const jwt = await signWixWebhook(
              orderApprovedDelivery(order, { instanceId: `inst-${index}` }),
              keys.privateKey,
            );
            deliveries.push(
              deliverLikeWix(`${publicProxy.url}/webhooks/wix`, jwt, {
                retryDelayMs: 100,
                deadlineMs: 60_000,
              }).then((report) => assert.is(report.status, 200, `order ${order.id} was accepted by the hub`)),
            );
            // Every fifth order also comes by the site's own webhook: still one order.
            if (n % 5 === 0) {
              deliveries.push(
                deliverLikeWix(`${(sites[index] as TestService).url}/webhooks/wix`, jwt, {
                  retryDelayMs: 100,
                  deadlineMs: 60_000,
                }),
              );
            }
            posted += 1;
          }
        }
        await Promise.all([...deliveries, (chaos[round] as () => Promise<void>)()]);
      }
      assert.is(posted, siteCount * ordersPerSite);

      for (const [index, site] of sites.entries()) {
        await eventually(
          `site-${index} to print every order`,
          () => printedJobs(site).length >= ordersPerSite * 2,
          90_000,
        );
        const expected = Array.from({ length: ordersPerSite }, (_, n) => `site-${index}-order-${n}`);
        assert.equal(
          [...orderIdsAt(site)].sort(),
          expected.sort(),
          `site-${index} holds each of its orders once`,
        );
        const printed = printedJobs(site);
        assert.is(new Set(printed).size, printed.length, `site-${index} printed no ticket twice`);
        assert.is(printed.length, ordersPerSite * 2);
        assert.is(
          site.printer.jobs.length,
          ordersPerSite * 2,
          `site-${index}'s printer got each ticket once`,
        );
      }
      for (const [index, site] of sites.entries()) {
        const siteRows = logRowReader(site.service.store)(0, 1_000_000);
        const hubRows = await eventually(
          `site-${index}'s whole log at the hub`,
          async () => {
            const rows = await registry.db
              .selectFrom('hub_site_events')
              .select(['position', 'id', 'hash'])
              .where('site_id', '=', `site-${index}`)
              .orderBy('position')
              .execute();
            return rows.length >= siteRows.length ? rows : undefined;
          },
          60_000,
        );
        assert.equal(
          hubRows.map((row) => [Number(row.position), row.id, row.hash]),
          siteRows.map((row) => [row[0], row[1], row[9]]),
          `site-${index}: every event once, in the site's order`,
        );
      }
      const routed = await registry.db
        .selectFrom('hub_routed_orders')
        .select(['site_id', 'webhook_id'])
        .execute();
      assert.is(routed.length, siteCount * ordersPerSite, 'each delivery routed once');

      // The surviving replica's views of each site equal the site's own, and together their union.
      const expected = await sitesViews(
        Object.fromEntries(sites.map((site, index) => [`site-${index}`, site])),
      );
      const hubUrl = `http://127.0.0.1:${ports[0]}`;
      for (const [path, key] of viewRoutes) {
        const union = sites.flatMap((_, index) => withoutOpenDurations(expected[key]![`site-${index}`]!));
        await eventually(
          `the hub's ${path} to equal the union of the sites' views`,
          async () =>
            JSON.stringify(withoutOpenDurations(await allRows(hubUrl, path, key, 50))) ===
            JSON.stringify(union),
          60_000,
        ).catch(async (error: unknown) => {
          assert.equal(withoutOpenDurations(await allRows(hubUrl, path, key, 50)), union, path);
          throw error;
        });
      }
    } finally {
      for (const site of sites) await site.stop();
      await registry.close();
      await link.close();
      await publicProxy.close();
      await stopGracefully(replicaA);
      if (replicaB.child.exitCode === null && replicaB.child.signalCode === null)
        await stopGracefully(replicaB);
    }
  });
}

test.run();
