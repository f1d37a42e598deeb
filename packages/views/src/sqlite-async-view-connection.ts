import type { Database } from '@bonrelay/event-store';
import type { AsyncViewConnection } from './async-view-connection.ts';

function toSqliteValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * A SQLite file seen as a server database, so code written once for the asynchronous views (a hub
 * on `sqlite:`) runs on it too. Transactions take the write lock at BEGIN and run one at a time,
 * because one connection can hold one. A site's own views keep the synchronous connection.
 */
export function sqliteAsyncViewConnection(db: Database): AsyncViewConnection {
  const run = (statement: string, parameters: readonly unknown[]): unknown[] => {
    let prepared: ReturnType<typeof db.prepare<unknown[]>>;
    try {
      prepared = db.prepare(statement);
    } catch (error) {
      // DDL and other parameterless writes may be several statements in one text.
      if (!(error instanceof RangeError) || parameters.length > 0) throw error;
      db.exec(statement);
      return [];
    }
    const values = parameters.map(toSqliteValue);
    if (prepared.reader) return prepared.all(...values);
    prepared.run(...values);
    return [];
  };
  const connection = (transaction: AsyncViewConnection['transaction']): AsyncViewConnection => ({
    query: async <Row>(statement: string, parameters: readonly unknown[] = []) =>
      run(statement, parameters) as Row[],
    queryMany: async (reads) => reads.map((read) => run(read.statement, read.parameters)),
    exec: async (statements) => {
      db.exec(statements);
    },
    transaction,
    close: async () => undefined,
  });
  const inTransaction: AsyncViewConnection = connection((nested) => nested(inTransaction));
  let turn: Promise<unknown> = Promise.resolve();
  const transaction: AsyncViewConnection['transaction'] = (work) => {
    const mine = turn.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(inTransaction);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    turn = mine.catch(() => undefined);
    return mine;
  };
  return {
    ...connection(transaction),
    close: async () => {
      db.close();
    },
  };
}
