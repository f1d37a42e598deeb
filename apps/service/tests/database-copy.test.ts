import { mkdirSync, mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, postgresTestUrl } from '@bonrelay/pg-test';
import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { cli } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { allRows, sitesViews, viewRoutes } from './support/site-views-at-hub.ts';
import { fastHubConfig, startTestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

interface CopyStatus {
  readonly state: string;
  readonly replicatedUpTo: number | null;
  readonly logPosition: number;
  readonly lastError: string | null;
}

async function takeOrders(site: TestService, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
  }
}

/** Every ticket of `orders` orders printed: the kitchen never waited for the database. */
async function allPrinted(site: TestService, orders: number) {
  return eventually(`every ticket of ${orders} orders printed`, async () => {
    const taken = await allRows(site.url, '/api/orders', 'orders', 500);
    const jobs = await allRows(site.url, '/api/print-jobs', 'printJobs', 500);
    return taken.length === orders && jobs.length >= orders && jobs.every((job) => job.state === 'printed');
  });
}

/** The server database's copy of the site's log, row for row as the site stored it. */
async function copiedRows(url: string, siteId: string): Promise<ReplicatedRow[]> {
  const database = await openHubDatabase(url, 1);
  try {
    const rows = await database.db
      .selectFrom('hub_site_events')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('position')
      .execute();
    return rows.map((row) => [
      Number(row.position),
      row.id,
      row.stream,
      row.stream_version,
      row.type,
      row.schema_version,
      row.data,
      row.metadata,
      row.recorded_at,
      row.hash,
    ]);
  } finally {
    await database.close();
  }
}

async function wholeLogCopied(site: TestService, url: string, siteId = 'site') {
  return eventually('the server database to hold the whole log', async () => {
    const health = await site.json<{ database: CopyStatus }>('/health');
    return health.database.replicatedUpTo === site.service.store.lastPosition()
      ? copiedRows(url, siteId)
      : undefined;
  });
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] given a server database, the whole log and every view are kept there, and a hub on it reads the restaurant`, async () => {
    const url = await database.fresh();
    const site = await startTestService({ env: { BONRELAY_DATABASE_URL: url }, config: fastHubConfig });
    let hub: Awaited<ReturnType<typeof startTestHub>> | undefined;
    try {
      await takeOrders(site, 3);
      await allPrinted(site, 3);
      const rows = await wholeLogCopied(site, url);
      assert.equal(
        rows,
        logRowReader(site.service.store)(0, rows.length),
        'row for row, hash chain included',
      );
      const health = await site.json<{ database: CopyStatus & { destination: string } }>('/health');
      assert.is(health.database.destination, url, 'the health names where the copy goes');

      const doctor = await cli(['doctor'], { BONRELAY_DATA_DIR: site.dataDir, BONRELAY_DATABASE_URL: url });
      const said = (doctor.out + doctor.err).match(
        /\[ok +\] +database copy +replicated up to (\d+) of (\d+) \(lag \d+ events?\)/,
      );
      assert.ok(said, doctor.out + doctor.err);
      assert.ok(Number(said[1]) >= rows.length && Number(said[2]) >= Number(said[1]), said[0]);

      const expected = await sitesViews({ site });
      hub = await startTestHub(url);
      for (const [path, key] of viewRoutes) {
        await eventually(`${path} in the server database to equal the restaurant's own`, async () => {
          const copied = await allRows(hub!.url, `${path}?site=site`, key, 500);
          return JSON.stringify(copied) === JSON.stringify(expected[key]!.site);
        }).catch(async (error: unknown) => {
          assert.equal(await allRows(hub!.url, `${path}?site=site`, key, 500), expected[key]!.site);
          throw error;
        });
      }
    } finally {
      await hub?.stop();
      await site.stop();
    }
  });
}

/** A database URL whose server answers but whose database does not exist until `create` runs. */
async function missingDatabase(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const dir = join(mkdtempSync(join(tmpdir(), 'bonrelay-copy-')), 'not-yet');
    return { url: `sqlite:${join(dir, 'server.db')}`, create: async () => void mkdirSync(dir) };
  }
  const serverUrl = new URL(await postgresTestUrl());
  const name = `bonrelay_copy_${Math.random().toString(36).slice(2, 10)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: async () => {
      const client = new pg.Client({ connectionString: serverUrl.toString() });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
    },
  };
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] given the server database away, the kitchen still prints, health says so, and the copy catches up when it is back`, async () => {
    const missing = await missingDatabase(database.dialect);
    const site = await startTestService({
      env: { BONRELAY_DATABASE_URL: missing.url },
      config: fastHubConfig,
    });
    try {
      await takeOrders(site, 2);
      await allPrinted(site, 2);
      const away = await eventually('health to say the database is unreachable', async () => {
        const health = await site.json<{ database: CopyStatus }>('/health');
        return health.database.state === 'unreachable' ? health.database : undefined;
      });
      assert.is(away.replicatedUpTo, null);
      assert.ok(away.lastError, 'it says why');

      await missing.create();
      await takeOrders(site, 1);
      await allPrinted(site, 3);
      const rows = await wholeLogCopied(site, missing.url);
      assert.equal(rows, logRowReader(site.service.store)(0, rows.length));
    } finally {
      await site.stop();
    }
  });
}

test('given a server database that accepts the connection and never answers, the copy reads as unreachable', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  const site = await startTestService({
    env: { BONRELAY_DATABASE_URL: `postgres://bonrelay@127.0.0.1:${port}/bonrelay` },
    config: { hub: { ...fastHubConfig.hub, requestTimeoutMs: 300 } },
  });
  try {
    await takeOrders(site, 1);
    await allPrinted(site, 1);
    const away = await eventually('health to say the database is unreachable', async () => {
      const health = await site.json<{ database: CopyStatus }>('/health');
      return health.database.state === 'unreachable' ? health.database : undefined;
    });
    assert.match(away.lastError ?? '', /timeout/i);
  } finally {
    await site.stop();
    silent.close();
  }
});

test('given a hub id, the server database keeps the rows under it; a site id alone asks for no hub', async () => {
  const { url } = await createTestDatabase('bonrelay_copy');
  const site = await startTestService({
    env: { BONRELAY_DATABASE_URL: url, BONRELAY_SITE_ID: 'kreuzberg' },
    config: fastHubConfig,
  });
  try {
    await takeOrders(site, 1);
    const rows = await wholeLogCopied(site, url, 'kreuzberg');
    assert.equal(rows, logRowReader(site.service.store)(0, rows.length));
  } finally {
    await site.stop();
  }
});

test('the dashboard says "server database: copied up to …" in the restaurant\'s language', async () => {
  const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'bonrelay-copy-')), 'server.db')}`;
  const site = await startTestService({
    env: { BONRELAY_DATABASE_URL: url, BONRELAY_LOCALE: 'de-DE' },
    config: fastHubConfig,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await takeOrders(site, 1);
    const line = page.getByTestId('database-copy');
    await eventually('the database line to show the whole log copied', async () => {
      const end = site.service.store.lastPosition();
      return (await line.textContent()) === `Server-Datenbank: kopiert bis ${end} von ${end} (auf Stand)`;
    });
  } finally {
    await browser.close();
    await site.stop();
  }
});

test.run();
