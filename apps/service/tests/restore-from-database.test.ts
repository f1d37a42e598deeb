import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@bonrelay/event-store';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig, withoutPassword } from '../src/config/index.ts';
import { registerOwnSite } from '../src/database-copy/own-site.ts';
import { ingestSiteBatch } from '../src/hub/ingest-site-batch.ts';
import { openHubDatabase } from '../src/hub/open-hub-database.ts';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { serviceLockFile } from '../src/service-lock.ts';
import { cli, countOf, postWixOrder } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig } from './support/test-hub.ts';
import { eventually, startTestService } from './support/test-service.ts';

const lostFile =
  "guests' names and addresses were sealed with keys that lived in the lost file; they read as erased";

/** Every row of the log file in `dataDir`, as stored. */
function logRows(dataDir: string): ReplicatedRow[] {
  const store = openEventStore({ file: join(dataDir, 'bonrelay.db'), readonly: true });
  try {
    return logRowReader(store)(0, 1_000_000);
  } finally {
    store.close();
  }
}

/** A server database holding a small log of `siteId`, as the site's copy would have left it. */
async function serverHolding(url: string, siteId: string, events: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bonrelay-restore-source-'));
  const store = openEventStore({ file: join(dir, 'bonrelay.db') });
  store.append(
    Array.from({ length: events }, (_, index) => ({
      id: `note-${index}`,
      stream: 'notes',
      type: 'NoteTaken',
      data: { index },
    })),
  );
  const rows = logRowReader(store)(0, events);
  store.close();
  const server = await openHubDatabase(url, 1);
  try {
    await registerOwnSite(server.db, siteId, new Date());
    const ingested = await ingestSiteBatch(server.db, siteId, rows, new Date());
    assert.ok(ingested.ok);
  } finally {
    await server.close();
  }
}

const restoreEnv = (dataDir: string, url?: string, extra: Record<string, string> = {}) => ({
  BONRELAY_DATA_DIR: dataDir,
  BONRELAY_LOG_LEVEL: 'silent',
  ...(url ? { BONRELAY_DATABASE_URL: url } : {}),
  ...extra,
});

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] given a restaurant whose data dir is lost, when restored from its server database, then the service starts with its whole log and prints the waiting ticket`, async () => {
    const url = await database.fresh();
    const printer = await startPrinterEmulator({ controlPort: false });
    const env = { BONRELAY_DATABASE_URL: url };
    const site = await startTestService({ env, config: fastHubConfig, printer });
    let copied: number;
    try {
      const first = await postWixOrder(site);
      await postWixOrder(site);
      await eventually('the first tickets printed', () => countOf(site, 'PrintJobPrinted') === 4);
      await printer.setMode('offline');
      await eventually('the printer seen offline', () =>
        site.service.store
          .read({ types: ['PrinterStatusChanged'] })
          .some((event) => (event.data as { to: string }).to === 'offline'),
      );
      await postWixOrder(site);
      assert.is(countOf(site, 'PrintJobQueued'), 6);
      copied = await eventually('the server database to hold the whole log', async () => {
        const health = await site.json<{ database: { replicatedUpTo: number | null } }>('/health');
        const end = site.service.store.lastPosition();
        return health.database.replicatedUpTo === end ? end : undefined;
      });
      assert.ok(first.id);
    } finally {
      await site.stop();
    }
    const original = logRows(site.dataDir);

    const freshDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
    const restore = await cli(['restore', '--from-database'], restoreEnv(freshDir, url));
    assert.is(restore.code, 0, restore.err);
    assert.equal(readdirSync(freshDir).sort(), ['bonrelay.db'], 'no half-written file left beside it');
    const restoredRows = logRows(freshDir);
    assert.ok(restoredRows.length >= copied, 'everything copied before the card died comes back');
    assert.equal(restoredRows, original.slice(0, restoredRows.length), 'row for row, hashes included');
    assert.match(
      restore.out,
      `restored ${restoredRows.length} events of site site from ${withoutPassword(url)}; chain verified\n${lostFile}\n`,
    );
    const verify = await cli(['verify'], restoreEnv(freshDir));
    assert.match(verify.out, `ok: ${restoredRows.length} events, hash chain intact`);

    const restored = await startTestService({ dataDir: freshDir, env, config: fastHubConfig, printer });
    try {
      // Asked through the harness, which waits (as a person at the dashboard would) for the views
      // the start rebuilds from the restored log.
      const { orders } = await restored.json<{ orders: unknown[] }>('/api/orders?limit=500');
      assert.is(orders.length, 3, 'every order is there');
      const shown = JSON.stringify(orders);
      assert.ok(shown.includes('[erased]'), 'guest fields read as erased');
      assert.not.ok(shown.includes('Anna'), 'no guest name comes back without its key');
      const jobs = () => restored.json<{ printJobs: { state: string }[] }>('/api/print-jobs?limit=500');
      const waiting = (await jobs()).printJobs.filter((job) => job.state !== 'printed');
      assert.is(waiting.length, 2, "the last order's tickets wait for the printer");
      const printedBefore = printer.jobs.length;

      await printer.setMode('online');
      await eventually('the waiting tickets printed', async () => {
        const { printJobs } = await jobs();
        return printJobs.length === 6 && printJobs.every((job) => job.state === 'printed');
      });
      assert.is(printer.jobs.length, printedBefore + 2, 'each waiting ticket printed once');

      await postWixOrder(restored);
      await eventually('the copy to go on from the restored log', async () => {
        const health = await restored.json<{ database: { state: string; replicatedUpTo: number | null } }>(
          '/health',
        );
        return health.database.replicatedUpTo === restored.service.store.lastPosition();
      });
    } finally {
      await restored.stop();
      await printer.close();
    }
  });
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] given a server database without the site's id, when restored, then it names the id and the ids it holds`, async () => {
    const url = await database.fresh();
    await serverHolding(url, 'kreuzberg', 3);
    const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
    const run = await cli(
      ['restore', '--from-database'],
      restoreEnv(dataDir, url, { BONRELAY_SITE_ID: 'mitte' }),
    );
    assert.is(run.code, 1);
    assert.match(run.err, `holds nothing for site "mitte"; it holds "kreuzberg" (3 events)`);
    assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')), 'no log written');

    const right = await cli(
      ['restore', '--from-database'],
      restoreEnv(dataDir, url, { BONRELAY_SITE_ID: 'kreuzberg' }),
    );
    assert.is(right.code, 0, right.err);
    assert.match(right.out, 'restored 3 events of site kreuzberg');
    assert.not.match(right.out, lostFile, 'a log without sealed guest data loses nothing');
  });
}

test('given a log that holds events, when restored over it, then it refuses and leaves the log alone', async () => {
  const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-')), 'hub.db')}`;
  await serverHolding(url, 'site', 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  const live = openEventStore({ file: join(dataDir, 'bonrelay.db') });
  live.append([{ id: 'mine', stream: 'notes', type: 'NoteTaken', data: {} }]);
  live.close();
  const before = logRows(dataDir);

  const run = await cli(['restore', '--from-database'], restoreEnv(dataDir, url));
  assert.is(run.code, 1);
  assert.match(run.err, 'already holds 1 events: restore never overwrites a log; move it');
  assert.equal(logRows(dataDir), before);
});

test('given an empty log left by a first start, when restored, then the restored log takes its place', async () => {
  const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-')), 'hub.db')}`;
  await serverHolding(url, 'site', 4);
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  openEventStore({ file: join(dataDir, 'bonrelay.db') }).close();

  const run = await cli(['restore', '--from-database'], restoreEnv(dataDir, url));
  assert.is(run.code, 0, run.err);
  assert.is(logRows(dataDir).length, 4);
});

test('given the service running on the data dir, when restored, then it refuses', async () => {
  const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-')), 'hub.db')}`;
  await serverHolding(url, 'site', 2);
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  const env = restoreEnv(dataDir, url);
  // Another live process plays the running service: our parent, the test runner.
  writeFileSync(
    serviceLockFile(loadConfig(env)),
    JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:8080' }),
  );
  const run = await cli(['restore', '--from-database'], env);
  assert.is(run.code, 1);
  assert.match(run.err, /the service is running \(pid \d+, http:\/\/127\.0\.0\.1:8080\): stop it first/);
  assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')));
});

test('given a server database file that is not there, when restored, then it says so and creates none', async () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-')), 'hub.db');
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  const run = await cli(['restore', '--from-database'], restoreEnv(dataDir, `sqlite:${missing}`));
  assert.is(run.code, 1);
  assert.match(run.err, `there is no server database at sqlite:${missing}`);
  assert.not.ok(existsSync(missing));
});

test('given no server database in the config, when restored, then it says which setting is missing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  const run = await cli(['restore', '--from-database'], restoreEnv(dataDir));
  assert.is(run.code, 1);
  assert.match(run.err, 'set BONRELAY_DATABASE_URL (database.url)');
});

test('given restore without a source, then it shows how it is used', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-restored-'));
  const run = await cli(['restore'], restoreEnv(dataDir));
  assert.is(run.code, 1);
  assert.match(run.err, 'usage: bonrelay restore --from-database');
});

test.run();
