import { openPostgresPool } from '@bonrelay/event-store';
import type { AsyncViewConnection } from '../async-view-connection.ts';
import { toPostgresPlaceholders } from './postgres-placeholders.ts';

type Pool = ReturnType<typeof openPostgresPool>;
type Queryable = Pick<Pool, 'query'>;

/** Booleans are stored as 0/1 in both databases (the tables declare integers). */
function toValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * A string as a literal that means the same whatever `standard_conforming_strings` says: quotes
 * doubled, and with a backslash in it an escape string (E'…') with backslashes doubled.
 */
function stringLiteral(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** Reads sent together; bounded so one round trip's text stays modest. */
const readsPerRoundTrip = 500;

/**
 * A read's `$n` replaced by its values as literals, so a batch's lacking reads go in one round trip
 * (the simple protocol takes several statements but no parameters). Only strings, numbers, null and
 * booleans are inlined; anything else returns undefined and is sent with parameters.
 */
function inline(statement: string, parameters: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of parameters.map(toValue)) {
    if (value === null || value === undefined) literals.push('NULL');
    else if (typeof value === 'number' && Number.isFinite(value)) literals.push(String(value));
    else if (typeof value === 'string') literals.push(stringLiteral(value));
    else return undefined;
  }
  return toPostgresPlaceholders(statement, (index) => literals[index - 1] ?? 'NULL');
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
    async queryMany(reads) {
      const answers: unknown[][] = [];
      for (let start = 0; start < reads.length; start += readsPerRoundTrip) {
        const chunk = reads.slice(start, start + readsPerRoundTrip);
        const inlined = chunk.map((read) => inline(read.statement, read.parameters));
        if (inlined.some((statement) => statement === undefined)) {
          for (const read of chunk) answers.push(await connection.query(read.statement, read.parameters));
          continue;
        }
        const results = await client.query(inlined.join(';\n'));
        const list = (Array.isArray(results) ? results : [results]) as { rows: unknown[] }[];
        for (const result of list) answers.push(result.rows);
      }
      return answers;
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
