// `npm run bench -- database-copy [--events 100000]`: a restaurant's log copied into its server
// database (BONRELAY_DATABASE_URL on a site; the test cluster, a fresh database), as after a day
// with the server away. Floor: the same rows inserted raw (unnest, batches of 5,000, no checks) into
// a plain table. Then the five views folded in the database until they have read the whole log.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { postgresTestUrl } from '@bonrelay/pg-test';
import pg from 'pg';
import pino from 'pino';
import { asyncScheduler } from 'rxjs';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { startDatabaseCopy } from '../../../../apps/service/src/database-copy/start-database-copy.ts';
import { siteSchema } from '../../../../apps/service/src/hub/site-view-store.ts';
import { logRowReader } from '../../../../apps/service/src/replication/log-rows.ts';
import { numberArg } from '../support/args.ts';
import { writeSiteLog } from '../support/site-log.ts';
import { markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `bonrelay_copy_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The floor: the very rows, raw into a table without keys, chain checks or summaries. */
async function rawInsert(url: string, rows: ReturnType<ReturnType<typeof logRowReader>>): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table raw_rows (position bigint, id text, stream text, stream_version int,
    type text, schema_version int, data text, metadata text, recorded_at text, hash text)`);
  const started = performance.now();
  for (let start = 0; start < rows.length; start += 5_000) {
    const chunk = rows.slice(start, start + 5_000);
    const column = (index: number) => chunk.map((row) => row[index]);
    await client.query(
      `insert into raw_rows select * from unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[],
        $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])`,
      Array.from({ length: 10 }, (_, index) => column(index)),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

export async function run(args: string[]): Promise<void> {
  const serverUrl = await postgresTestUrl();
  const events = numberArg(args, '--events', 100_000);
  await temporaryDirectory('database-copy', async (dir) => {
    const store = writeSiteLog(join(dir, 'site.db'), 'site', events);
    const total = store.lastPosition();
    const floorSeconds = await rawInsert(await freshDatabase(serverUrl), logRowReader(store)(0, total));
    const url = await freshDatabase(serverUrl);
    const loaded = loadConfig({ BONRELAY_DATABASE_URL: url });
    const config = { ...loaded, hub: { ...loaded.hub, idleIntervalMs: 20 } };
    const query = new pg.Client({ connectionString: url });
    try {
      const started = performance.now();
      const copy = startDatabaseCopy({
        store,
        config,
        scheduler: asyncScheduler,
        clock: () => new Date(),
        logger: pino({ level: 'silent' }),
      });
      await until(() => copy.status().replicatedUpTo === total);
      const copySeconds = (performance.now() - started) / 1000;
      await query.connect();
      await until(async () => {
        const at = await query
          .query<{ position: string | null }>(
            `select min(position)::text as position from "${siteSchema('site')}".view_checkpoints`,
          )
          .catch(() => ({ rows: [{ position: null }] }));
        return Number(at.rows[0]?.position ?? 0) >= total;
      });
      const viewSeconds = (performance.now() - started) / 1000;
      await copy.stop();
      const rate = (seconds: number) => Math.round(total / seconds).toLocaleString('en-US');
      console.log(
        markdownTable(
          [`${total.toLocaleString('en-US')} events`, 'seconds', 'events/s', 'vs floor'],
          [
            ['floor: raw unnest insert, no checks', floorSeconds.toFixed(2), rate(floorSeconds), '1.00×'],
            [
              'copy: in order, chain verified, summary kept',
              copySeconds.toFixed(2),
              rate(copySeconds),
              `${(floorSeconds / copySeconds).toFixed(2)}×`,
            ],
            [
              'copy and the five views folded',
              viewSeconds.toFixed(2),
              rate(viewSeconds),
              `${(floorSeconds / viewSeconds).toFixed(2)}×`,
            ],
          ],
        ),
      );
    } finally {
      await query.end().catch(() => undefined);
      store.close();
    }
  });
}
