import type { AsyncViewConnection } from './async-view-connection.ts';
import type { PreparedStatement, ViewConnection } from './view-connection.ts';

/** Rounds before giving up on a `work` whose reads never settle (a bug, not a large batch). */
const maxRounds = 100;

interface Statement {
  readonly statement: string;
  readonly parameters: readonly unknown[];
}

const keyOf = (statement: string, parameters: readonly unknown[]) =>
  `${statement}\u0000${JSON.stringify(parameters)}`;

/**
 * Runs the views' synchronous code (writers, queries) on a server database. `work` runs against a
 * connection that answers reads from what has been fetched so far and records what it lacked; the
 * lacking reads are fetched together and `work` runs again, until it asks for nothing new. Only
 * that last run's writes are sent, in order. This keeps one writer per view for both databases and
 * leaves SQLite's path synchronous; it asks of `work` what the writers already are: a function of
 * its events and the rows it reads, that reads before it writes and has no other side effect.
 */
export async function runOnRows<T>(
  connection: AsyncViewConnection,
  work: (sync: ViewConnection) => T,
): Promise<T> {
  const answers = new Map<string, unknown[]>();
  for (let round = 0; round < maxRounds; round += 1) {
    const missing = new Map<string, Statement>();
    const writes: Statement[] = [];
    const rows = (statement: string, parameters: unknown[]) => {
      const key = keyOf(statement, parameters);
      const known = answers.get(key);
      if (known === undefined) missing.set(key, { statement, parameters });
      return known ?? [];
    };
    const sync: ViewConnection = {
      prepare<Row>(statement: string): PreparedStatement<Row> {
        return {
          all: (...parameters) => rows(statement, parameters) as Row[],
          get: (...parameters) => rows(statement, parameters)[0] as Row | undefined,
          run: (...parameters) => {
            writes.push({ statement, parameters });
          },
        };
      },
      exec: (statements) => {
        writes.push({ statement: statements, parameters: [] });
      },
      batch: (batch) => batch(),
    };
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = work(sync);
    } catch (error) {
      failure = { error };
    }
    if (missing.size === 0) {
      if (failure !== undefined) throw failure.error;
      // In order, in as few round trips as the connection allows.
      await connection.queryMany(writes);
      return result as T;
    }
    // A run that lacked rows may have failed on the stand-ins; it is judged by the run that has them all.
    const keys = [...missing.keys()];
    const fetched = await connection.queryMany([...missing.values()]);
    for (const [index, key] of keys.entries()) answers.set(key, fetched[index] ?? []);
  }
  throw new Error(`views: the reads did not settle after ${maxRounds} rounds`);
}
