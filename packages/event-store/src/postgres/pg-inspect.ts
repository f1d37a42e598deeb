import { Kysely, PostgresDialect } from 'kysely';
import { codeSchemaVersion } from '../migrations.ts';
import { withPostgresErrors } from './pg-errors.ts';
import { openPool } from './pg-pool.ts';
import { postgresSchemaVersion } from './pg-schema.ts';
import type { PostgresLogTables } from './pg-tables.ts';

/** What an operator's check needs to know of a PostgreSQL log, read without migrating anything. */
export interface PostgresLogState {
  readonly schemaVersion: number;
  readonly codeSchemaVersion: number;
  readonly lastPosition: number;
}

/**
 * Looks at the log behind a URL without opening it for writing: whether the server answers, which
 * schema version the database holds against this code's, and how long the log is. For `doctor`,
 * which must not migrate a database another (newer) bonrelay may own.
 */
export async function inspectPostgresLog(url: string): Promise<PostgresLogState> {
  const db = new Kysely<PostgresLogTables>({ dialect: new PostgresDialect({ pool: openPool(url, 1) }) });
  try {
    return await withPostgresErrors(async () => {
      const schemaVersion = await postgresSchemaVersion(db);
      const head =
        schemaVersion === 0
          ? undefined
          : await db.selectFrom('events_head').select('position').where('log', '=', 1).executeTakeFirst();
      return { schemaVersion, codeSchemaVersion, lastPosition: head?.position ?? 0 };
    });
  } finally {
    await db.destroy();
  }
}
