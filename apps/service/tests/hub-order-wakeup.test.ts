import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWixKeyPair, makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { sql } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { registerSite, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually } from './support/test-service.ts';

const keys = await generateWixKeyPair();
/** Far longer than any spec waits: an answer before it can only come from a wake-up. */
const intervalMs = 30_000;

async function hubs(databaseUrl: string, replicas: number): Promise<TestHub[]> {
  const configFile = join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-wakeup-')), 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      hub: {
        orderPollIntervalMs: intervalMs,
        orderPollWaitMs: intervalMs,
        // Listening again soon after PostgreSQL drops the connection.
        retry: { baseMs: 25, factor: 2, capMs: 100 },
      },
    }),
  );
  const env = { BONRELAY_CONFIG: configFile, BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem };
  const started: TestHub[] = [];
  for (let index = 0; index < replicas; index++) started.push(await startTestHub(databaseUrl, { env }));
  return started;
}

/** Holds a site's order poll at `holder`, routes an order through `router`, and times the answer. */
async function pollAnsweredAfter(
  holder: TestHub,
  router: TestHub,
  token: string,
  after = 0,
): Promise<{ ms: number; orders: number }> {
  await holder.hub.database.db.updateTable('hub_site_summary').set({ last_contact_at: null }).execute();
  const startedAt = Date.now();
  const answer = fetch(`${holder.url}/hub/orders?wait=${intervalMs}&after=${after}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then(async (response) => ({ at: Date.now(), body: (await response.json()) as { orders: unknown[] } }));
  // The poll has looked once and found nothing: it is held now.
  await eventually('the poll to be held', async () => {
    const row = await holder.hub.database.db
      .selectFrom('hub_site_summary')
      .select('last_contact_at')
      .executeTakeFirst();
    return row?.last_contact_at;
  });
  const jwt = await signWixWebhook(
    orderApprovedDelivery(makeWixOrder({}), { instanceId: 'inst-mitte' }),
    keys.privateKey,
  );
  const routed = await fetch(`${router.url}/webhooks/wix`, { method: 'POST', body: jwt });
  assert.is(routed.status, 200);
  const postedAt = Date.now();
  const { at, body } = await answer;
  assert.ok(postedAt - startedAt < intervalMs, 'the order was routed while the poll was held');
  return { ms: at - postedAt, orders: body.orders.length };
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] a held order poll answers as soon as its site's order is routed at the same replica, not at the next look`, async () => {
    const [hub] = (await hubs(await database.fresh(), 1)) as [TestHub];
    try {
      const token = await registerSite(hub, 'mitte', 'inst-mitte');
      const { ms, orders } = await pollAnsweredAfter(hub, hub, token);
      assert.is(orders, 1);
      assert.ok(ms < intervalMs / 10, `answered ${ms} ms after the order was routed`);
    } finally {
      await hub.stop();
    }
  });
}

const postgres = hubDatabasesUnderTest().find((database) => database.dialect === 'postgres');
test('[postgres] an order routed at one replica wakes the poll another replica holds (LISTEN/NOTIFY)', async () => {
  const [holder, router] = (await hubs(await (postgres as NonNullable<typeof postgres>).fresh(), 2)) as [
    TestHub,
    TestHub,
  ];
  try {
    const token = await registerSite(holder, 'mitte', 'inst-mitte');
    const { ms, orders } = await pollAnsweredAfter(holder, router, token);
    assert.is(orders, 1);
    assert.ok(ms < intervalMs / 10, `answered ${ms} ms after the order was routed`);

    // PostgreSQL drops the listening connections (a restart, a failover): the replicas listen again.
    const listeners = sql<{ pid: number }>`select pid from pg_stat_activity
      where datname = current_database() and query = 'LISTEN bonrelay_hub_orders'`;
    const before = (await listeners.execute(holder.hub.database.db)).rows.map((row) => row.pid);
    assert.is(before.length, 2, 'each replica listens on a connection of its own');
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query = 'LISTEN bonrelay_hub_orders'`.execute(
      holder.hub.database.db,
    );
    await eventually('both replicas to listen again', async () => {
      const pids = (await listeners.execute(holder.hub.database.db)).rows.map((row) => row.pid);
      return pids.length === 2 && pids.every((pid) => !before.includes(pid));
    });
    const again = await pollAnsweredAfter(holder, router, token, 1);
    assert.is(again.orders, 1);
    assert.ok(again.ms < intervalMs / 10, `answered ${again.ms} ms after the order was routed`);
  } finally {
    await holder.stop();
    await router.stop();
  }
});

test.run();
