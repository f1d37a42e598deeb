import { createTestDatabase } from '@bonrelay/pg-test';
import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { asyncScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { startHubViewProjector } from '../src/hub/hub-view-projector.ts';
import { ingestSiteBatch } from '../src/hub/ingest-site-batch.ts';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { openSiteViews } from '../src/hub/project-site-views.ts';
import { openSiteViewStore } from '../src/hub/site-view-store.ts';
import { addSite } from '../src/hub/sites-registry.ts';
import { bonrelayTableViews } from '../src/projections/bonrelay-views.ts';
import { logRowReader } from '../src/replication/log-rows.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const views = bonrelayTableViews(loadConfig({}));

/** Tables whose rows count events: an event folded twice would show in them. */
const countingTables = [
  'select counter, labels, value from log_counters order by counter, labels',
  'select job_id, state, total_attempts, version from print_jobs order by job_id',
  'select order_id, ticket_number, sequence from orders order by order_id',
];

/** A real site's log with orders, tickets and a printer outage in it. */
async function siteWithHistory(): Promise<TestService> {
  const site = await startTestService();
  const order = async () => {
    const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
  };
  await order();
  await site.printer.setMode('offline');
  await eventually('the outage to be seen', () =>
    site.service.store
      .read({ types: ['PrinterStatusChanged'] })
      .some((e) => (e.data as { to: string }).to === 'offline'),
  );
  await order();
  await order();
  await site.printer.setMode('online');
  await eventually(
    'the backlog to print',
    () => site.service.store.read({ types: ['PrintJobPrinted'] }).length === 6,
  );
  await site.request('GET', '/health');
  return site;
}

function siteTables(site: TestService): unknown[][] {
  return countingTables.map((statement) =>
    site.service.store.connection
      .prepare(statement)
      .all()
      .map((row) =>
        Object.values(row as object).map((value) => (typeof value === 'bigint' ? Number(value) : value)),
      ),
  );
}

test('[postgres] two replicas folding the same site at once fold each event once; a replica holding a site hands it over when its transaction ends', async () => {
  const site = await siteWithHistory();
  const { url } = await createTestDatabase('bonrelay_hub_views');
  const hub = await openHubDatabase(url);
  const replicaA = openSiteViewStore(url);
  const replicaB = openSiteViewStore(url);
  try {
    const added = await addSite(hub.db, { siteId: 'mitte' }, new Date());
    assert.ok(added.ok);
    const rows = logRowReader(site.service.store)(0, 1_000_000);
    const ingested = await ingestSiteBatch(hub.db, 'mitte', rows, new Date());
    assert.ok(ingested.ok);

    // Replica A holds the site (as one would mid-batch): B must leave it alone.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let claimed: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    await openSiteViews(replicaA, 'mitte', views);
    const held = replicaA.connection('mitte').transaction(async (trx) => {
      assert.ok(await replicaA.claim(trx, 'mitte', false));
      claimed();
      await released;
      throw new Error('replica A dies mid-batch');
    });
    await holding;
    const blocked = startHubViewProjector({
      db: hub.db,
      store: replicaB,
      views,
      scheduler: asyncScheduler,
      intervalMs: 3_600_000,
      maxBatch: 7,
      onError: (error) => assert.unreachable(String(error)),
    });
    await blocked.round();
    const [untouched] = await replicaB
      .connection('mitte')
      .query<{ position: number }>('select max(position) as position from view_checkpoints');
    assert.is(Number(untouched?.position), 0, 'B did not fold a site A holds');
    release();
    await held.catch(() => undefined);
    await blocked.stop();

    // Both replicas now race over the whole log in small batches.
    const projectors = [replicaA, replicaB].map((store) =>
      startHubViewProjector({
        db: hub.db,
        store,
        views,
        scheduler: asyncScheduler,
        intervalMs: 1,
        maxBatch: 7,
        onError: (error) => assert.unreachable(String(error)),
      }),
    );
    await eventually('the views to reach the end of the site log', async () => {
      const [row] = await replicaA
        .connection('mitte')
        .query<{ position: number }>('select min(position) as position from view_checkpoints');
      return Number(row?.position) === rows.length;
    });
    for (const projector of projectors) await projector.stop();
    const atHub: unknown[][] = [];
    for (const statement of countingTables) {
      const found = await replicaB.connection('mitte').query<object>(statement);
      atHub.push(found.map((row) => Object.values(row).map((value) => value)));
    }
    assert.equal(atHub, siteTables(site));
  } finally {
    await replicaA.close();
    await replicaB.close();
    await hub.close();
    await site.stop();
  }
});

test.run();
