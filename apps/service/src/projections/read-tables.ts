import type { Database } from 'better-sqlite3';
import type { RowSealer } from '../privacy/view-sealer.ts';
import type { StateRow } from './state-rows.ts';

/**
 * The read tables live in the log's own SQLite file, so a view and its checkpoint commit in one
 * transaction (exactly once per event) and a backup of the file carries both.
 */
/** One view's batch: its changed rows and the log position they bring it to. */
export interface ViewCommit {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly upserts: readonly StateRow[];
  readonly deletes: readonly string[];
  /** The state these rows describe (what becomes the view's committed state). */
  readonly state: unknown;
}

export interface ReadTables {
  checkpoint(name: string): { version: number; position: number } | undefined;
  rows(name: string): StateRow[];
  /** Writes a batch of changed rows and the new checkpoint atomically. */
  commit(
    name: string,
    version: number,
    position: number,
    upserts: readonly StateRow[],
    deletes: readonly string[],
  ): void;
  /**
   * Writes several views' batches in one transaction, without forcing it to disk: rows are derived,
   * so a crash costs at most a replay from the last durable checkpoint, never a wrong view (the
   * next synchronous=FULL append flushes these WAL frames along with its own).
   */
  commitMany(commits: readonly ViewCommit[]): void;
  drop(name?: string): void;
}

/** Creates (if missing) and wraps the projection tables on the writer connection. */
export function openReadTables(db: Database, sealer?: RowSealer): ReadTables {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS projection_rows (
      view TEXT NOT NULL, path TEXT NOT NULL, json TEXT NOT NULL,
      PRIMARY KEY (view, path)) WITHOUT ROWID;
  `);
  const selectCheckpoint = db.prepare<[string], { version: number; position: number }>(
    'SELECT version, position FROM projection_checkpoints WHERE name = ?',
  );
  const selectRows = db.prepare<[string], StateRow>('SELECT path, json FROM projection_rows WHERE view = ?');
  const upsertRow = db.prepare(
    'INSERT INTO projection_rows (view, path, json) VALUES (?, ?, ?) ON CONFLICT (view, path) DO UPDATE SET json = excluded.json',
  );
  // A subtree is the path itself and everything below it ('0' sorts right after '/'); two
  // statements so both use the primary key instead of scanning every row of the view.
  const deleteRow = db.prepare('DELETE FROM projection_rows WHERE view = ? AND path = ?');
  const deleteBelow = db.prepare('DELETE FROM projection_rows WHERE view = ? AND path > ? AND path < ?');
  const deleteSubtree = (name: string, path: string) => {
    deleteRow.run(name, path);
    deleteBelow.run(name, `${path}/`, `${path}0`);
  };
  const upsertCheckpoint = db.prepare(
    'INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position',
  );
  const commit = db.transaction(
    (
      name: string,
      version: number,
      position: number,
      upserts: readonly StateRow[],
      deletes: readonly string[],
    ) => {
      for (const path of deletes) deleteSubtree(name, path);
      for (const row of upserts) {
        upsertRow.run(name, row.path, sealer ? sealer.seal(row.json, `${name}/${row.path}`) : row.json);
      }
      upsertCheckpoint.run(name, version, position);
    },
  );
  const commitAll = db.transaction((commits: readonly ViewCommit[]) => {
    for (const c of commits) commit(c.name, c.version, c.position, c.upserts, c.deletes);
  });
  return {
    commitMany: (commits) => {
      db.pragma('synchronous = NORMAL');
      try {
        commitAll.immediate(commits);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    checkpoint: (name) => selectCheckpoint.get(name),
    rows: (name) =>
      sealer
        ? selectRows
            .all(name)
            .map((row) => ({ path: row.path, json: sealer.open(row.json, `${name}/${row.path}`) }))
        : selectRows.all(name),
    commit: (name, version, position, upserts, deletes) =>
      commit.immediate(name, version, position, upserts, deletes),
    drop: (name) => {
      const wipe = db.transaction(() => {
        if (name) {
          db.prepare('DELETE FROM projection_rows WHERE view = ?').run(name);
          db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(name);
        } else {
          db.exec('DELETE FROM projection_rows; DELETE FROM projection_checkpoints;');
        }
      });
      wipe.immediate();
    },
  };
}
