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

/** One transaction on one pooled connection, opened by `begin` (BEGIN and its SET LOCALs, one round trip). */
function transactionOn(
  pool: Pool,
  texts: Map<string, string>,
  begin: string,
): AsyncViewConnection['transaction'] {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query(begin);
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
}

const beginUnforced = 'BEGIN; SET LOCAL synchronous_commit = off';

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
  return { ...on(pool, texts, transactionOn(pool, texts, beginUnforced)), close: () => pool.end() };
}

function quotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Views of many sites in one database: each site's tables in a schema of its own, one pool for all. */
export interface PostgresSchemaViews {
  /** The views of one schema (created by the caller); the same statements, resolved in that schema. */
  inSchema(schema: string): AsyncViewConnection;
  close(): Promise<void>;
}

/**
 * A hub keeps every site's views with the very tables a site has, so the views' statements run
 * unchanged: every use of a pooled connection first puts the site's schema alone on the search
 * path (inside a transaction with SET LOCAL, so it ends with it). One pool serves every schema,
 * so a hundred sites need no more connections than one.
 */
export function postgresSchemaViews(url: string, options: { poolSize?: number } = {}): PostgresSchemaViews {
  const pool = openPostgresPool(url, options.poolSize ?? 4);
  const texts = new Map<string, string>();
  return {
    inSchema: (schema) => {
      const path = quotedIdentifier(schema);
      const transaction = transactionOn(pool, texts, `${beginUnforced}; SET LOCAL search_path TO ${path}`);
      const inPath = async <T>(use: (connection: AsyncViewConnection) => Promise<T>): Promise<T> => {
        const client = await pool.connect();
        try {
          await client.query(`SET search_path TO ${path}`);
          return await use(on(client, texts, transaction));
        } finally {
          client.release();
        }
      };
      return {
        query: (statement, parameters) => inPath((connection) => connection.query(statement, parameters)),
        queryMany: (reads) => inPath((connection) => connection.queryMany(reads)),
        exec: (statements) => inPath((connection) => connection.exec(statements)),
        transaction,
        close: async () => undefined,
      };
    },
    close: () => pool.end(),
  };
}
