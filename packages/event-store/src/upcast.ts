import type { EventRow } from './sql.ts';
import type { EventMetadata, StoredEvent, Upcaster } from './types.ts';

/** Turns stored rows into events as today's code expects them: JSON parsed, old schemas lifted. */
export type RowToEvent = (row: EventRow) => StoredEvent;

/** Upcasters may lift several versions in a row; this bounds a buggy one that never settles. */
const maxLifts = 1000;

function lift(upcaster: Upcaster, type: string, data: unknown, version: number) {
  let current = { data, schemaVersion: version };
  for (let step = 0; step < maxLifts; step += 1) {
    const next = upcaster(current.data, current.schemaVersion);
    if (next.schemaVersion === current.schemaVersion) return next;
    current = next;
  }
  throw new Error(`upcaster for ${type} did not settle after ${maxLifts} steps`);
}

/**
 * Builds the row reader once per store, so old events are upcast on every read path (read, live,
 * append results) and never rewritten in the append-only log.
 */
export function rowToEvent(upcasters: Readonly<Record<string, Upcaster>>): RowToEvent {
  return (row) => {
    let data: unknown = JSON.parse(row.data);
    let schemaVersion = row.schema_version;
    const upcaster = Object.hasOwn(upcasters, row.type) ? upcasters[row.type] : undefined;
    if (upcaster !== undefined) ({ data, schemaVersion } = lift(upcaster, row.type, data, schemaVersion));
    return {
      position: row.position,
      id: row.id,
      stream: row.stream,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion,
      data,
      metadata: JSON.parse(row.metadata) as EventMetadata,
      recordedAt: row.recorded_at,
      hash: row.hash,
    };
  };
}
