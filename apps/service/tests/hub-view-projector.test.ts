import { createTestDatabase } from '@bonrelay/pg-test';
import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { asyncScheduler, NEVER, Subject, VirtualTimeScheduler } from 'rxjs';
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
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { startTestHub } from './support/test-hub.ts';
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
      wake: NEVER,
      safetyRoundMs: 3_600_000,
      heldRetryMs: 3_600_000,
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
        wake: NEVER,
        safetyRoundMs: 1,
        heldRetryMs: 1,
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

/** A real site's log with one order in it, as it would replicate. */
async function oneOrderLog(): Promise<ReplicatedRow[]> {
  const site = await startTestService();
  try {
    const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
    return logRowReader(site.service.store)(0, 1_000_000);
  } finally {
    await site.stop();
  }
}

/**
 * Runs what falls due up to virtual `frame`, one action at a time, letting each round (real I/O)
 * end and schedule the next before looking again.
 */
async function advanceTo(scheduler: VirtualTimeScheduler, frame: number): Promise<void> {
  for (;;) {
    const due = scheduler.actions[0];
    if (due === undefined || due.delay > frame) return;
    scheduler.maxFrames = due.delay;
    scheduler.flush();
    await eventually('the round to end and the next to be scheduled', () => scheduler.actions.length > 0);
  }
}

async function foldedUpTo(store: ReturnType<typeof openSiteViewStore>, siteId: string): Promise<number> {
  const [row] = await store
    .connection(siteId)
    .query<{ position: number }>('select min(position) as position from view_checkpoints');
  return Number(row?.position ?? 0);
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] an idle hub asks its database nothing between safety rounds, and a batch wakes its projector at once`, async () => {
    const log = await oneOrderLog();
    const url = await database.fresh();
    const hub = await openHubDatabase(url);
    const store = openSiteViewStore(url);
    let queries = 0;
    const counted = hub.db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const scheduler = new VirtualTimeScheduler();
    const wake = new Subject<string>();
    try {
      assert.ok((await addSite(hub.db, { siteId: 'mitte' }, new Date())).ok);
      const projector = startHubViewProjector({
        db: counted,
        store,
        views,
        scheduler,
        wake,
        safetyRoundMs: 5_000,
        heldRetryMs: 20,
        onError: (error) => assert.unreachable(String(error)),
      });
      await eventually('the first round to end', () => scheduler.actions.length === 1);
      const afterFirstRound = queries;

      await advanceTo(scheduler, 4_999);
      assert.is(queries, afterFirstRound, 'no round, no query, while the hub is idle');
      await advanceTo(scheduler, 5_000);
      assert.is(queries, afterFirstRound + 1, 'the safety round: one look at the sites');
      assert.is(scheduler.actions[0]?.delay, 10_000, 'and the next one a safety interval later');

      assert.ok((await ingestSiteBatch(hub.db, 'mitte', log, new Date())).ok);
      wake.next('mitte');
      await eventually(
        'the batch to be folded',
        async () => (await foldedUpTo(store, 'mitte')) === log.length,
      );
      assert.is(scheduler.frame, 5_000, 'folded without waiting for a round');
      await projector.stop();
    } finally {
      await store.close();
      await hub.close();
    }
  });

  test(`[${database.dialect}] a batch another replica took is folded by this one's projector at once, long before its safety round`, async () => {
    const log = await oneOrderLog();
    const url = await database.fresh();
    const hub = await startTestHub(url, {
      adjust: (config) => ({ ...config, hub: { ...config.hub, viewSafetyRoundMs: 3_600_000 } }),
    });
    // The replica that takes the batch holds no projector: only the first hub can fold it.
    const other = await openHubDatabase(url);
    try {
      assert.ok((await addSite(hub.hub.database.db, { siteId: 'mitte' }, new Date())).ok);
      assert.ok((await ingestSiteBatch(other.db, 'mitte', log, new Date())).ok);
      await eventually(
        'the hub to show the replicated order',
        async () => {
          const response = await fetch(`${hub.url}/api/orders?site=mitte`);
          const body = (await response.json()) as { orders: unknown[] };
          return body.orders.length === 1;
        },
        5_000,
      );
    } finally {
      await other.close();
      await hub.stop();
    }
  });
}

test.run();
