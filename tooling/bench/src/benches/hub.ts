// `npm run bench -- hub [--sites 10] [--events 100000] [--overview-sites 100]`: the group hub on
// PostgreSQL (the test cluster @bonrelay/pg-test starts when needed; a fresh database is made).
// Two hub replicas run as their own processes (the real `main.ts` with BONRELAY_ROLE=hub); every
// site ships its whole log at once through the real replication client, half the sites to each
// replica. Reports events/s until every site's log is acknowledged, checks there is no duplicate and
// no gap, then times `GET /api/sites` with --overview-sites sites, and prints PostgreSQL's settings.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { EventStore } from '@bonrelay/event-store';
import { postgresTestUrl } from '@bonrelay/pg-test';
import pg from 'pg';
import pino from 'pino';
import { asyncScheduler } from 'rxjs';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { openHubDatabase } from '../../../../apps/service/src/hub/open-hub-database.ts';
import { addSite } from '../../../../apps/service/src/hub/sites-registry.ts';
import { createHubClient } from '../../../../apps/service/src/replication/hub-client.ts';
import { hubLogDestination } from '../../../../apps/service/src/replication/log-destination.ts';
import { startLogShipping } from '../../../../apps/service/src/replication/ship-log.ts';
import { numberArg } from '../support/args.ts';
import { writeSiteLog } from '../support/site-log.ts';
import { markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const main = new URL('../../../../apps/service/src/main.ts', import.meta.url).pathname;

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `bonrelay_hub_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startReplica(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      BONRELAY_ROLE: 'hub',
      BONRELAY_DATABASE_URL: databaseUrl,
      BONRELAY_PORT: String(port),
      BONRELAY_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const up = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function shipTo(hubUrl: string, site: string, token: string, store: EventStore) {
  const config = loadConfig({ BONRELAY_HUB_URL: hubUrl, BONRELAY_SITE_ID: site, BONRELAY_HUB_TOKEN: token });
  const client = createHubClient({ url: hubUrl, token, timeoutMs: 60_000, scheduler: asyncScheduler, fetch });
  const hub = { ...config.hub, idleIntervalMs: 20, retry: { baseMs: 50, factor: 2, capMs: 500 } };
  return startLogShipping({
    store,
    destination: hubLogDestination(client, hubUrl),
    hub,
    siteId: site,
    scheduler: asyncScheduler,
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
}

export async function run(args: string[]): Promise<void> {
  const serverUrl = await postgresTestUrl();
  const siteCount = numberArg(args, '--sites', 10);
  const eventsPerSite = numberArg(args, '--events', 100_000);
  const overviewSites = numberArg(args, '--overview-sites', 100);
  await temporaryDirectory('hub', async (dir) => {
    const databaseUrl = await freshDatabase(serverUrl);
    const hub = await openHubDatabase(databaseUrl, 2);
    const query = new pg.Client({ connectionString: databaseUrl });
    await query.connect();
    const sites = Array.from({ length: siteCount }, (_, index) => `site-${String(index).padStart(3, '0')}`);
    const stores = sites.map((site) => writeSiteLog(join(dir, `${site}.db`), site, eventsPerSite));
    const total = stores.reduce((sum, store) => sum + store.lastPosition(), 0);
    const tokens: string[] = [];
    for (const site of sites) {
      const added = await addSite(hub.db, { siteId: site }, new Date());
      if (!added.ok) throw new Error(added.problem);
      tokens.push(added.token);
    }
    const replicas = [await startReplica(databaseUrl), await startReplica(databaseUrl)];
    try {
      const started = performance.now();
      const shippers = sites.map((site, index) =>
        shipTo(
          (replicas[index % 2] as { url: string }).url,
          site,
          tokens[index] as string,
          stores[index] as EventStore,
        ),
      );
      for (;;) {
        const done = shippers.every(
          (shipper, index) => shipper.status().replicatedUpTo === stores[index]?.lastPosition(),
        );
        if (done) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(shippers.map((shipper) => shipper.stop()));
      const counts = await query.query<{ rows: number; distinct_ids: number }>(
        'select count(*)::int as rows, count(distinct (site_id, id))::int as distinct_ids from hub_site_events',
      );
      const positions = await query.query<{ site_id: string; max: number; count: number }>(
        'select site_id, max(position)::int as max, count(*)::int as count from hub_site_events group by site_id',
      );
      const gapless = positions.rows.every((row) => row.max === row.count);
      const check = counts.rows[0] as { rows: number; distinct_ids: number };
      console.log(
        markdownTable(
          ['hub ingest', 'value'],
          [
            ['sites at once', String(siteCount)],
            ['hub replicas', '2'],
            ['events', total.toLocaleString('en-US')],
            ['seconds', seconds.toFixed(2)],
            ['events/s', Math.round(total / seconds).toLocaleString('en-US')],
            ['stored rows', check.rows.toLocaleString('en-US')],
            ['duplicates', String(check.rows - check.distinct_ids)],
            ['each site gap-free, in order', String(gapless && check.rows === total)],
          ],
        ),
      );

      // The overview: fill up to --overview-sites sites, each with some history, then time it.
      for (let index = siteCount; index < overviewSites; index++) {
        const site = `site-${String(index).padStart(3, '0')}`;
        const added = await addSite(hub.db, { siteId: site }, new Date());
        if (!added.ok) throw new Error(added.problem);
        const store = writeSiteLog(join(dir, `${site}.db`), site, 200);
        const shipper = shipTo((replicas[index % 2] as { url: string }).url, site, added.token, store);
        while (shipper.status().replicatedUpTo !== store.lastPosition())
          await new Promise((resolve) => setTimeout(resolve, 10));
        await shipper.stop();
        store.close();
      }
      const timings: number[] = [];
      for (let round = 0; round < 200; round++) {
        const url = (replicas[round % 2] as { url: string }).url;
        const before = performance.now();
        const answer = (await (await fetch(`${url}/api/sites`)).json()) as { sites: unknown[] };
        timings.push(performance.now() - before);
        if (answer.sites.length !== overviewSites)
          throw new Error(`expected ${overviewSites} sites, got ${answer.sites.length}`);
      }
      timings.sort((a, b) => a - b);
      console.log(
        `\n${markdownTable(
          [`GET /api/sites, ${overviewSites} sites, 200 requests`, 'ms'],
          [
            ['median', percentile(timings, 50).toFixed(1)],
            ['p95', percentile(timings, 95).toFixed(1)],
            ['max', percentile(timings, 100).toFixed(1)],
          ],
        )}`,
      );
      const settings = await query.query<{ name: string; setting: string; unit: string | null }>(
        `select name, setting, unit from pg_settings where name in
         ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level',
          'max_wal_size', 'checkpoint_timeout', 'work_mem', 'effective_cache_size', 'max_connections', 'wal_buffers')
         order by name`,
      );
      console.log(
        `\n${markdownTable(
          ['PostgreSQL setting', 'value'],
          settings.rows.map((row) => [row.name, `${row.setting}${row.unit ? ` ${row.unit}` : ''}`]),
        )}`,
      );
    } finally {
      for (const replica of replicas) replica.child.kill('SIGTERM');
      for (const store of stores) store.close();
      await query.end();
      await hub.close();
    }
  });
}
