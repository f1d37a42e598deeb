import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { IncompatibleDatabaseError, toStoreError } from './errors.ts';
import { codeSchemaVersion, fileSchemaVersion, migrate } from './migrations.ts';
import type { Database } from './types.ts';

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Refuses a foreign file before SQLite opens it, so not even a -wal file is left beside it. */
function assertSqliteFile(file: string): void {
  if (!existsSync(file)) return;
  const header = Buffer.alloc(sqliteHeader.length);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return;
  if (read < header.length || !header.equals(sqliteHeader)) {
    throw new IncompatibleDatabaseError(`${file} is not an SQLite database; left untouched`);
  }
}

export interface ConnectionOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly readonly: boolean;
  readonly now: () => Date;
}

function assertSchemaUsable(db: Database, options: ConnectionOptions): void {
  const version = fileSchemaVersion(db);
  if (version > codeSchemaVersion) {
    throw new IncompatibleDatabaseError(
      `${options.file} has schema version ${version}, newer than this code (${codeSchemaVersion}); upgrade bonrelay`,
    );
  }
  if (options.readonly && version < codeSchemaVersion) {
    throw new IncompatibleDatabaseError(
      `${options.file} has schema version ${version}, older than this code (${codeSchemaVersion}); open it writable once to migrate`,
    );
  }
}

/**
 * Opens the one writer (or a read-only auditor) with the durability settings the invariants rest on:
 * WAL, synchronous=FULL, a busy timeout, and the schema checked before anything is written.
 */
export function openConnection(options: ConnectionOptions): Database {
  assertSqliteFile(options.file);
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(options.file, {
      readonly: options.readonly,
      fileMustExist: options.readonly,
      timeout: options.busyTimeoutMs,
    });
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs))}`);
    assertSchemaUsable(db, options);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, options.now().toISOString());
    }
    return db;
  } catch (error) {
    db?.close();
    throw toStoreError(error);
  }
}
