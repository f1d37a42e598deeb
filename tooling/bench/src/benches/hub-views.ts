// `npm run bench -- hub-views [--sites 4] [--events 20000] [--replicas 2]`: the hub folding its
// sites' replicated logs into their views on PostgreSQL (the test cluster; a fresh database). The
// sites' logs are written as the service writes them and stored in the hub as replication stores
// them; then --replicas projectors (each with its own pool, as replicas are) run until every site's
// views have read its whole log. Reports events/s and checks no event was folded twice.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { postgresTestUrl } from '@bonrelay/pg-test';
import pg from 'pg';
import { asyncScheduler, NEVER } from 'rxjs';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { startHubViewProjector } from '../../../../apps/service/src/hub/hub-view-projector.ts';
import { ingestSiteBatch } from '../../../../apps/service/src/hub/ingest-site-batch.ts';
import { openHubDatabase } from '../../../../apps/service/src/hub/open-hub-database.ts';
import { openSiteViewStore, siteSchema } from '../../../../apps/service/src/hub/site-view-store.ts';
import { addSite } from '../../../../apps/service/src/hub/sites-registry.ts';
import { bonrelayTableViews } from '../../../../apps/service/src/projections/bonrelay-views.ts';
import { logRowReader } from '../../../../apps/service/src/replication/log-rows.ts';
import { numberArg } from '../support/args.ts';
import { writeSiteLog } from '../support/site-log.ts';
import { markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `bonrelay_hub_views_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function run(args: string[]): Promise<void> {
  const serverUrl = await postgresTestUrl();
  const siteCount = numberArg(args, '--sites', 4);
  const eventsPerSite = numberArg(args, '--events', 20_000);
  const replicaCount = numberArg(args, '--replicas', 2);
  await temporaryDirectory('hub-views', async (dir) => {
    const databaseUrl = await freshDatabase(serverUrl);
    const hub = await openHubDatabase(databaseUrl, 4);
    const query = new pg.Client({ connectionString: databaseUrl });
    await query.connect();
    const sites = Array.from({ length: siteCount }, (_, index) => `site-${String(index).padStart(3, '0')}`);
    const ends = new Map<string, number>();
    for (const site of sites) {
      const added = await addSite(hub.db, { siteId: site }, new Date());
      if (!added.ok) throw new Error(added.problem);
      const store = writeSiteLog(join(dir, `${site}.db`), site, eventsPerSite);
      const rows = logRowReader(store);
      for (let after = 0; after < store.lastPosition(); after += 5_000) {
        const stored = await ingestSiteBatch(hub.db, site, rows(after, 5_000), new Date());
        if (!stored.ok) throw new Error(`${site}: ingest refused (${stored.kind})`);
      }
      ends.set(site, store.lastPosition());
      store.close();
    }
    const total = [...ends.values()].reduce((sum, end) => sum + end, 0);
    const views = bonrelayTableViews(loadConfig({}));
    const stores = Array.from({ length: replicaCount }, () => openSiteViewStore(databaseUrl));
    const errors: unknown[] = [];
    try {
      const started = performance.now();
      const projectors = stores.map((store) =>
        startHubViewProjector({
          db: hub.db,
          store,
          views,
          scheduler: asyncScheduler,
          // Everything is ingested before they start: the first round folds it all.
          wake: NEVER,
          safetyRoundMs: 5,
          heldRetryMs: 5,
          onError: (error) => errors.push(error),
        }),
      );
      for (;;) {
        let done = true;
        for (const site of sites) {
          const at = await query
            .query<{ position: string | null }>(
              `select min(position)::text as position from "${siteSchema(site)}".view_checkpoints`,
            )
            .catch(() => ({ rows: [{ position: null }] }));
          if (Number(at.rows[0]?.position ?? 0) < (ends.get(site) ?? 0)) done = false;
        }
        if (done || errors.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      for (const projector of projectors) await projector.stop();
      if (errors.length > 0) throw errors[0];
      const orders = await query.query<{ orders: number }>(
        `select count(*)::int as orders from "${siteSchema(sites[0] as string)}".orders`,
      );
      console.log(
        markdownTable(
          ['sites', 'events', 'replicas', 'seconds', 'events/s', `orders in ${sites[0]}`],
          [
            [
              String(siteCount),
              String(total),
              String(replicaCount),
              seconds.toFixed(2),
              String(Math.round(total / seconds)),
              String(orders.rows[0]?.orders),
            ],
          ],
        ),
      );
    } finally {
      for (const store of stores) await store.close();
      await query.end();
      await hub.close();
    }
  });
}
