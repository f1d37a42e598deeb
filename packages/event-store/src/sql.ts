import {
  DummyDriver,
  type Generated,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** One row of the log exactly as SQLite holds it. */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

interface LogTables {
  events: Omit<EventRow, 'position'> & { position: Generated<number> };
  schema_migrations: { version: number; name: string; applied_at: string };
}

/**
 * A Kysely that only builds SQL: statements are compiled once and prepared on the better-sqlite3
 * connection, so the append path stays synchronous (Kysely's own executor is async).
 */
export const sql = new Kysely<LogTables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export const eventColumns = [
  'position',
  'id',
  'stream',
  'stream_version',
  'type',
  'schema_version',
  'data',
  'metadata',
  'recorded_at',
  'hash',
] as const;
