import { Kysely, PostgresDialect } from 'kysely';
import { StoreUnavailableError } from '../errors.ts';
import type { AsyncEventStore, PostgresEventStoreOptions } from '../types.ts';
import { rowToEvent } from '../upcast.ts';
import { createPostgresAppender } from './pg-append.ts';
import { withPostgresErrors } from './pg-errors.ts';
import { createPostgresLiveFeed } from './pg-live.ts';
import { openPool } from './pg-pool.ts';
import { createPostgresRowReader } from './pg-read.ts';
import { migratePostgres } from './pg-schema.ts';
import type { PostgresLogTables } from './pg-tables.ts';
import { verifyPostgresLog } from './pg-verify.ts';

/** The channel every appender NOTIFYs and every live tail LISTENs on. */
const channel = 'bonrelay_events';

/**
 * Opens the append-only log on a PostgreSQL server, for a hub or a site that prefers a server
 * database: the same guarantees as the SQLite log (database-enforced append-only, idempotent
 * appends, per-stream versions, the same hash chain) behind promises, and a live tail that sees
 * what every process appends. Several processes may open the same database at once.
 */
export async function openPostgresEventStore(
  url: string,
  options: PostgresEventStoreOptions = {},
): Promise<AsyncEventStore> {
  const clock = options.clock ?? (() => new Date());
  const pool = openPool(url, options.poolSize ?? 10);
  const db = new Kysely<PostgresLogTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await withPostgresErrors(() => migratePostgres(db, clock().toISOString()));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const codec = options.codec;
  const toEvent = rowToEvent(options.upcasters ?? {}, codec);
  const readRows = createPostgresRowReader(db);
  const appendRows = createPostgresAppender(
    pool,
    channel,
    codec === undefined ? undefined : codec.encode.bind(codec),
  );
  const feed = createPostgresLiveFeed({
    url,
    channel,
    pageSize: options.livePageSize ?? 1000,
    readPage: async (after, limit) => (await readRows({ after, limit })).map(toEvent),
  });
  let open = true;
  const whileOpen = () => {
    if (!open) throw new StoreUnavailableError('event store is closed');
  };

  return {
    async append(events, appendOptions = {}) {
      whileOpen();
      const written = await appendRows(events, appendOptions, clock().toISOString());
      if (written.rows.length > 0) feed.poke();
      return {
        appended: written.rows.map(toEvent),
        duplicates: written.duplicates,
        lastPosition: written.lastPosition,
      };
    },
    async read(query = {}) {
      whileOpen();
      return (await readRows(query)).map(toEvent);
    },
    async readStream(stream) {
      whileOpen();
      return (await readRows({ streams: [stream] })).map(toEvent);
    },
    live: (after = 0) => feed.live(after),
    async lastPosition() {
      whileOpen();
      return withPostgresErrors(async () => {
        const head = await db
          .selectFrom('events_head')
          .select('position')
          .where('log', '=', 1)
          .executeTakeFirst();
        return head?.position ?? 0;
      });
    },
    async verify() {
      whileOpen();
      return verifyPostgresLog(db);
    },
    async close() {
      if (!open) return;
      open = false;
      await feed.close();
      await db.destroy();
    },
  };
}
