import { type Kysely, sql } from 'kysely';
import { IncompatibleDatabaseError } from '../errors.ts';
import { genesisHash } from '../hash-chain.ts';
import { codeSchemaVersion } from '../migrations.ts';
import type { PostgresLogTables } from './pg-tables.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/**
 * The same versions as SQLite's migrations, in PostgreSQL's words. Positions are handed out under
 * the lock on `events_head` (one row per log), not by a sequence: a sequence hands numbers out in
 * start order and they commit in any order, so a reader could see 7 before 6 exists.
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events log',
    up: `
      CREATE TABLE events (
        position bigint PRIMARY KEY,
        id text UNIQUE NOT NULL,
        stream text NOT NULL,
        stream_version integer NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data text NOT NULL,
        metadata text NOT NULL,
        recorded_at text NOT NULL,
        hash text NOT NULL,
        UNIQUE (stream, stream_version)
      );
      CREATE INDEX events_recorded_at ON events (recorded_at);
      CREATE TABLE events_head (
        log integer PRIMARY KEY CHECK (log = 1),
        position bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO events_head (log, position, hash) VALUES (1, 0, '${genesisHash}');
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
    `,
  },
];

if (migrations.at(-1)?.version !== codeSchemaVersion) {
  throw new Error('the PostgreSQL migrations must reach the same schema version as the SQLite ones');
}

/** Any constant both processes agree on: the key of the advisory lock that serialises migrations. */
const migrationLock = 0x626f6e72;

/** The schema version a database was last migrated to (0 when it holds no log yet), without writing. */
export async function postgresSchemaVersion(db: Kysely<PostgresLogTables>): Promise<number> {
  const table = await sql<{
    found: string | null;
  }>`SELECT to_regclass('schema_migrations')::text AS found`.execute(db);
  if (table.rows[0]?.found == null) return 0;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * Brings the database up to the code's schema in one transaction under an advisory lock, so
 * replicas starting together migrate once, and refuses a database a newer bonrelay wrote.
 */
export async function migratePostgres(db: Kysely<PostgresLogTables>, appliedAt: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${migrationLock})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`.execute(trx);
    const current = await postgresSchemaVersion(trx);
    if (current > codeSchemaVersion) {
      throw new IncompatibleDatabaseError(
        `the database has schema version ${current}, newer than this code (${codeSchemaVersion}); upgrade bonrelay`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await sql.raw(migration.up).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: appliedAt })
        .execute();
    }
  });
}
