import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { sql } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeConfig, loadConfig } from '../src/config/index.ts';
import { ingestSiteBatch } from '../src/hub/ingest-site-batch.ts';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { openSiteViewStore, siteSchema } from '../src/hub/site-view-store.ts';
import { siteOfToken, siteOfWixInstance } from '../src/hub/sites-registry.ts';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { cli } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { registerSite, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService } from './support/test-service.ts';

const main = new URL('../src/main.ts', import.meta.url).pathname;

/** A real site's log after one order, and after a second one. */
async function logInTwoParts(): Promise<{ first: ReplicatedRow[]; whole: ReplicatedRow[] }> {
  const site = await startTestService();
  const order = async () => {
    const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
    return logRowReader(site.service.store)(0, 1_000_000);
  };
  try {
    return { first: await order(), whole: await order() };
  } finally {
    await site.stop();
  }
}

/** Whether the site's views are there at all: its schema, or its file beside a `sqlite:` hub's. */
async function viewsExist(hub: TestHub, url: string, siteId: string): Promise<boolean> {
  if (url.startsWith('sqlite:')) return existsSync(`${url.slice('sqlite:'.length)}.site-${siteId}.views.db`);
  const { rows } = await sql<{ found: number }>`select count(*)::int as found from information_schema.schemata
    where schema_name = ${siteSchema(siteId)}`.execute(hub.hub.database.db);
  return rows[0]?.found === 1;
}

/** The orders in the site's views as stored, read afresh (not through the hub's open connections). */
async function storedOrders(url: string, siteId: string): Promise<number> {
  const store = openSiteViewStore(url);
  try {
    const [row] = await store
      .connection(siteId)
      .query<{ orders: number }>('select count(*) as orders from orders');
    return Number(row?.orders);
  } finally {
    await store.close();
  }
}

async function hubOrders(hub: TestHub, siteId: string): Promise<number> {
  const response = await fetch(`${hub.url}/api/orders?site=${siteId}`);
  return response.status === 200 ? ((await response.json()) as { orders: unknown[] }).orders.length : -1;
}

test('a hub started without BONRELAY_DATABASE_URL refuses with exit 2, naming the key', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, BONRELAY_ROLE: 'hub', BONRELAY_PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(result.status, 2);
  assert.match(result.stderr, /database\.url \(BONRELAY_DATABASE_URL\): a hub needs a database/);
});

test('a site with a hub URL but no token refuses with exit 2, naming what is missing', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      BONRELAY_HUB_URL: 'http://127.0.0.1:9',
      BONRELAY_SITE_ID: 'mitte',
      BONRELAY_PORT: '0',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(result.status, 2);
  assert.match(result.stderr, /hub\.token \(BONRELAY_HUB_TOKEN\)/);
});

test('the database password and the hub token never reach the configuration log', () => {
  const config = loadConfig({
    BONRELAY_DATABASE_URL: 'postgres://bonrelay:db-secret-1@db.example:5432/bonrelay',
    BONRELAY_HUB_URL: 'https://hub.example',
    BONRELAY_SITE_ID: 'mitte',
    BONRELAY_HUB_TOKEN: 'hub-token-secret-0123456789',
  });
  const text = JSON.stringify(describeConfig(config));
  assert.not.match(text, /db-secret-1|hub-token-secret/);
  assert.match(text, /postgres:\/\/bonrelay:\*\*\*@db\.example:5432\/bonrelay/);
});

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] sites add prints the token alone on the last line; only its hash is stored`, async () => {
    const env = { BONRELAY_DATABASE_URL: await database.fresh(), BONRELAY_LOG_LEVEL: 'silent' };
    const added = await cli(['sites', 'add', 'berlin-mitte', '--wix-instance', 'inst-1'], env);
    assert.is(added.code, 0, added.err);
    const token = added.out.trimEnd().split('\n').at(-1) as string;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const hub = await openHubDatabase(env.BONRELAY_DATABASE_URL, 1);
    try {
      assert.is(await siteOfToken(hub.db, token), 'berlin-mitte');
      assert.is(await siteOfToken(hub.db, `${token.slice(0, -1)}x`), undefined);
      assert.is(await siteOfWixInstance(hub.db, 'inst-1'), 'berlin-mitte');
      const stored = await hub.db.selectFrom('hub_sites').selectAll().execute();
      assert.not.ok(JSON.stringify(stored).includes(token), 'the token itself is nowhere in the database');
    } finally {
      await hub.close();
    }
  });

  test(`[${database.dialect}] sites list shows each site; a taken id or instance is refused; remove takes a site off`, async () => {
    const env = { BONRELAY_DATABASE_URL: await database.fresh(), BONRELAY_LOG_LEVEL: 'silent' };
    assert.is((await cli(['sites', 'add', 'mitte', '--wix-instance', 'inst-a'], env)).code, 0);
    assert.is((await cli(['sites', 'add', 'kreuzberg'], env)).code, 0);
    const twice = await cli(['sites', 'add', 'mitte'], env);
    assert.is(twice.code, 1);
    assert.match(twice.out, /site mitte exists already/);
    const sameInstance = await cli(['sites', 'add', 'wedding', '--wix-instance', 'inst-a'], env);
    assert.match(sameInstance.out, /Wix instance inst-a belongs to site mitte/);

    const listed = await cli(['sites', 'list'], env);
    assert.equal(
      listed.out
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 2).join(' ')),
      ['kreuzberg -', 'mitte inst-a'],
    );
    assert.is((await cli(['sites', 'remove', 'mitte'], env)).code, 0);
    assert.is((await cli(['sites', 'remove', 'mitte'], env)).code, 1);
    assert.match((await cli(['sites', 'list'], env)).out, /^kreuzberg\t/);
  });

  test(`[${database.dialect}] sites remove drops the site's views and keeps its events; added again, its views are rebuilt from that log and go on`, async () => {
    const { first, whole } = await logInTwoParts();
    const url = await database.fresh();
    const env = { BONRELAY_DATABASE_URL: url, BONRELAY_LOG_LEVEL: 'silent' };
    const hub = await startTestHub(url);
    const db = hub.hub.database.db;
    try {
      await registerSite(hub, 'mitte');
      assert.ok((await ingestSiteBatch(db, 'mitte', first, new Date())).ok);
      await eventually('the hub to show the order', async () => (await hubOrders(hub, 'mitte')) === 1);
      assert.ok(await viewsExist(hub, url, 'mitte'));

      const removed = await cli(['sites', 'remove', 'mitte'], env);
      assert.is(removed.code, 0);
      assert.match(removed.out, `kept ${first.length} events of mitte; its views were dropped`);
      assert.not.ok(await viewsExist(hub, url, 'mitte'), 'the views are gone');
      const kept = await db
        .selectFrom('hub_site_events')
        .select('id')
        .where('site_id', '=', 'mitte')
        .execute();
      assert.is(kept.length, first.length, 'the events stay, as the group history');

      // Added again while the hub runs, the site goes on with its log.
      assert.is((await cli(['sites', 'add', 'mitte'], env)).code, 0);
      const resumed = await ingestSiteBatch(db, 'mitte', whole, new Date());
      assert.equal(resumed, {
        ok: true,
        acknowledgedPosition: whole.length,
        stored: whole.length - first.length,
      });
      await eventually('the hub to show both orders', async () => (await hubOrders(hub, 'mitte')) === 2);
      assert.ok(await viewsExist(hub, url, 'mitte'), 'the views are there again');
      assert.is(await storedOrders(url, 'mitte'), 2, 'rebuilt where they are stored, not in a dropped file');
    } finally {
      await hub.stop();
    }
  });
}

test.run();
