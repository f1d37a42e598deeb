import type { EventStore } from '@bonrelay/event-store';
import type { ReplicatedRow } from './replicated-row.ts';

/**
 * Reads the site's log in its stored form (sealed personal data stays sealed, data as the exact JSON
 * text the hash covers), as wire tuples straight from SQLite: no decoding, no upcasting, so the hub
 * receives byte for byte what the site keeps and can recompute the chain.
 */
export function logRowReader(store: EventStore): (after: number, limit: number) => ReplicatedRow[] {
  const statement = store.connection
    .prepare<[number, number], ReplicatedRow>(
      `select position, id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash
         from events where position > ? order by position limit ?`,
    )
    .raw(true);
  return (after, limit) => statement.all(after, limit) as ReplicatedRow[];
}
