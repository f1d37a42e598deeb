import { openPostgresPool } from '@bonrelay/event-store';
import type { AsyncViewConnection } from '../async-view-connection.ts';
import { toPostgresPlaceholders } from './postgres-placeholders.ts';

type Pool = ReturnType<typeof openPostgresPool>;
type Queryable = Pick<Pool, 'query'>;

/** Booleans are stored as 0/1 in both databases (the tables declare integers). */
function toValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function on(client: Queryable, texts: Map<string, string>, transaction: AsyncViewConnection['transaction']) {
  const text = (statement: string) => {
    let converted = texts.get(statement);
    if (converted === undefined) {
      converted = toPostgresPlaceholders(statement);
      texts.set(statement, converted);
    }
    return converted;
  };
  const connection: AsyncViewConnection = {
    async query<Row>(statement: string, parameters: readonly unknown[] = []) {
      const result = await client.query(text(statement), parameters.map(toValue));
      return result.rows as Row[];
    },
    async exec(statements) {
      await client.query(statements);
    },
    transaction,
    close: async () => undefined,
  };
  return connection;
}

/**
 * The views' tables in a PostgreSQL database (the log's own, on a hub), through a pool whose
 * bigint and numeric columns come back as numbers like SQLite's. A transaction commits without
 * waiting for the disk, as SQLite's view batches do: the rows are rebuilt from the durable log.
 */
export function postgresViewConnection(
  url: string,
  options: { poolSize?: number } = {},
): AsyncViewConnection {
  const pool = openPostgresPool(url, options.poolSize ?? 4);
  const texts = new Map<string, string>();
  const transaction: AsyncViewConnection['transaction'] = async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      const inner = on(client, texts, (nested) => nested(inner));
      const result = await work(inner);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return { ...on(pool, texts, transaction), close: () => pool.end() };
}
