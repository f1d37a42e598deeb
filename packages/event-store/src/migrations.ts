import { IncompatibleDatabaseError } from './errors.ts';
import type { Database } from './types.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** Append-only too: a released migration is never edited, a change is a new entry. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events log',
    up: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT UNIQUE NOT NULL,
        stream TEXT NOT NULL,
        stream_version INTEGER NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (stream, stream_version)
      );
      CREATE INDEX events_recorded_at ON events (recorded_at);
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
];

/** The schema version this code writes and understands. */
export const codeSchemaVersion = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);

/** Reads the schema version a file was last migrated to (0 for a fresh file), without writing. */
export function fileSchemaVersion(db: Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings an older file up to the code's schema in one immediate transaction, so two processes
 * opening the same fresh file cannot both migrate, and a failed step leaves the file as it was.
 */
export function migrate(db: Database, appliedAt: string): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const current = fileSchemaVersion(db);
    if (current > codeSchemaVersion) {
      throw new IncompatibleDatabaseError(
        `schema version ${current} is newer than this code (${codeSchemaVersion}); upgrade bonrelay`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.up);
      record.run(migration.version, migration.name, appliedAt);
    }
  }).immediate();
}
