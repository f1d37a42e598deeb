import pg from 'pg';

const int8 = 20;
const numeric = 1700;

/**
 * Answers bigint and numeric columns as numbers, as SQLite does: node-postgres hands them over as
 * strings (they may exceed 2^53), but positions, counts and sums here stay far below that, and
 * code shared by both databases must not compare "12" with 12.
 */
export const numericTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === int8 || oid === numeric) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** A pool on `url` whose numbers come back as numbers. */
export function openPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: numericTypes });
  // A client whose server went away must not crash the process, idle (the pool's 'error') or checked
  // out between two queries (its own 'error', which the pool does not hear); the next query reports it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
