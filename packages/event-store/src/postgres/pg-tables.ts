import type { EventRow } from '../sql.ts';

/** The log's tables as PostgreSQL holds them; `events_head` is the one row appends lock. */
export interface PostgresLogTables {
  events: EventRow;
  events_head: { log: number; position: number; hash: string };
  schema_migrations: { version: number; name: string; applied_at: string };
}
