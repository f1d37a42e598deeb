import type { Statement } from 'better-sqlite3';
import { withStoreErrors } from './errors.ts';
import { type EventRow, eventColumns, sql } from './sql.ts';
import type { Database, ReadQuery } from './types.ts';

/** Reads rows by position; one prepared statement per distinct filter shape, reused. */
export type RowReader = (query: ReadQuery) => EventRow[];

/** `IN (...)` lists make a shape per length; bound the cache so odd callers cannot grow it forever. */
const maxCachedShapes = 64;

function compile(query: ReadQuery) {
  let select = sql
    .selectFrom('events')
    .select(eventColumns)
    .where('position', '>', query.after ?? 0);
  if (query.streams !== undefined) select = select.where('stream', 'in', [...query.streams]);
  if (query.types !== undefined) select = select.where('type', 'in', [...query.types]);
  if (query.from !== undefined) select = select.where('recorded_at', '>=', query.from);
  if (query.to !== undefined) select = select.where('recorded_at', '<', query.to);
  select = select.orderBy('position', 'asc');
  if (query.limit !== undefined) select = select.limit(query.limit);
  return select.compile();
}

/**
 * Builds the read path on the given connection. Filters are compiled by Kysely and the prepared
 * statement is cached by its SQL text, so paging the same query (live catch-up, verify) prepares once.
 */
export function createRowReader(db: Database): RowReader {
  const prepared = new Map<string, Statement<unknown[], EventRow>>();
  return (query) =>
    withStoreErrors(() => {
      if (query.streams?.length === 0 || query.types?.length === 0) return [];
      const compiled = compile(query);
      let statement = prepared.get(compiled.sql);
      if (statement === undefined) {
        if (prepared.size >= maxCachedShapes) prepared.clear();
        statement = db.prepare<unknown[], EventRow>(compiled.sql);
        prepared.set(compiled.sql, statement);
      }
      return statement.all(...compiled.parameters);
    });
}
