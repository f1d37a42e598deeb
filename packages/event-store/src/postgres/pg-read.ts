import type { Kysely } from 'kysely';
import type { EventRow } from '../sql.ts';
import { eventColumns } from '../sql.ts';
import type { ReadQuery } from '../types.ts';
import { withPostgresErrors } from './pg-errors.ts';
import type { PostgresLogTables } from './pg-tables.ts';

/** Reads rows by position from PostgreSQL, with the same filters as SQLite's row reader. */
export type PostgresRowReader = (query: ReadQuery) => Promise<EventRow[]>;

/** Builds the read path; every filter is a bound parameter, so the server reuses its plans. */
export function createPostgresRowReader(db: Kysely<PostgresLogTables>): PostgresRowReader {
  return (query) =>
    withPostgresErrors(async () => {
      if (query.streams?.length === 0 || query.types?.length === 0) return [];
      let select = db
        .selectFrom('events')
        .select(eventColumns)
        .where('position', '>', query.after ?? 0);
      if (query.streams !== undefined) select = select.where('stream', 'in', [...query.streams]);
      if (query.types !== undefined) select = select.where('type', 'in', [...query.types]);
      if (query.from !== undefined) select = select.where('recorded_at', '>=', query.from);
      if (query.to !== undefined) select = select.where('recorded_at', '<', query.to);
      select = select.orderBy('position', 'asc');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
}
