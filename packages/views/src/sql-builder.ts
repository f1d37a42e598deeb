import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { ViewTables } from './view-schema.ts';

/**
 * A Kysely that only builds SQL. Statements are compiled once and prepared on the connection, so a
 * batch of rows is written inside one synchronous better-sqlite3 transaction (Kysely's own executor
 * is async, and an `await` inside a SQLite transaction would block every other query).
 */
export const sql = new Kysely<ViewTables>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** The statement text of a built query; its parameters are bound again at each run. */
export function statementOf(query: { compile(): CompiledQuery }): string {
  return query.compile().sql;
}
