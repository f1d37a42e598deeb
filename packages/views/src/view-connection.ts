import type { Database } from '@bonrelay/event-store';

/** A statement prepared once and run many times with fresh parameters. */
export interface PreparedStatement<Row> {
  all(...parameters: unknown[]): Row[];
  get(...parameters: unknown[]): Row | undefined;
  run(...parameters: unknown[]): void;
}

/**
 * The connection the views write and read through. SQLite's is the log's own file, so a backup
 * carries both and a view commits beside its checkpoint; the interface is what another database
 * needs to offer.
 */
export interface ViewConnection {
  prepare<Row>(statement: string): PreparedStatement<Row>;
  exec(statements: string): void;
  /** Runs `work` in one transaction without forcing it to disk (rows are derived from the durable log). */
  batch(work: () => void): void;
}

function toSqliteValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** Wraps a better-sqlite3 connection; prepared statements are cached by their text. */
export function sqliteViewConnection(db: Database): ViewConnection {
  const cache = new Map<string, PreparedStatement<unknown>>();
  return {
    prepare<Row>(statement: string) {
      let prepared = cache.get(statement);
      if (prepared === undefined) {
        const inner = db.prepare(statement);
        const bind = (parameters: unknown[]) => parameters.map(toSqliteValue);
        prepared = inner.reader
          ? {
              all: (...parameters) => inner.all(...bind(parameters)),
              get: (...parameters) => inner.get(...bind(parameters)),
              run: () => {
                throw new Error(`not a write: ${statement}`);
              },
            }
          : {
              all: () => [],
              get: () => undefined,
              run: (...parameters) => {
                inner.run(...bind(parameters));
              },
            };
        cache.set(statement, prepared);
      }
      return prepared as PreparedStatement<Row>;
    },
    exec: (statements) => {
      db.exec(statements);
    },
    batch: (work) => {
      db.pragma('synchronous = NORMAL');
      try {
        db.transaction(work).immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
  };
}
