import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { HubTables } from './hub-tables.ts';
import { migrateHub } from './migrate-hub.ts';

export interface HubDatabase {
  readonly db: Kysely<HubTables>;
  readonly dialect: 'postgres' | 'sqlite';
  close(): Promise<void>;
}

/** Positions are bigint columns; pg hands int8 back as text unless told otherwise, per pool. */
const int8 = 20;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === int8 ? (text: string) => Number(text) : pg.types.getTypeParser(oid, format as 'text'),
};

/**
 * Opens the hub's storage named by `BONRELAY_DATABASE_URL`: PostgreSQL in production (several hub
 * replicas share it), or `sqlite:<file>` for a single box and for quick tests. Migrates on open.
 */
export async function openHubDatabase(
  url: string,
  poolSize = 10,
  onIdleError: (error: Error) => void = () => undefined,
  /** How long a connection may take before the attempt fails; unset = as long as it takes. */
  connectTimeoutMs?: number,
): Promise<HubDatabase> {
  if (url.startsWith('sqlite:')) {
    const connection = new BetterSqlite3(url.slice('sqlite:'.length));
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('busy_timeout = 5000');
    const db = new Kysely<HubTables>({ dialect: new SqliteDialect({ database: connection }) });
    await migrateHub(db);
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    ...(connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: connectTimeoutMs }),
  });
  // An idle connection dropped by a PostgreSQL restart is an 'error' event: unheard, it would kill
  // the replica; heard, the pool just opens a new connection for the next query.
  pool.on('error', onIdleError);
  // The same drop hits a connection checked out between two queries (a view batch): only the
  // connection itself hears it, and its next query fails and is retried.
  pool.on('connect', (client) => client.on('error', onIdleError));
  const db = new Kysely<HubTables>({ dialect: new PostgresDialect({ pool }) });
  await migrateHubOnce(db);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Replicas start together: concurrent `create table if not exists` can still collide in the
 * catalog on PostgreSQL, so they take turns under an advisory lock.
 */
async function migrateHubOnce(db: Kysely<HubTables>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(1429807)`.execute(connection);
    try {
      await migrateHub(connection);
    } finally {
      await sql`select pg_advisory_unlock(1429807)`.execute(connection);
    }
  });
}
