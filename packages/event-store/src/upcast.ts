import type { EventRow } from './sql.ts';
import type { EventCodec, EventMetadata, StoredEvent, Upcaster } from './types.ts';

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
 * Builds the row reader once per store, so old events are decoded (by the optional codec) and upcast
 * on every read path (read, live, append results) and never rewritten in the append-only log.
 * Decoding comes first: upcasters see the data as it was written, not its stored form.
 */
export function rowToEvent(upcasters: Readonly<Record<string, Upcaster>>, codec?: EventCodec): RowToEvent {
  return (row) => {
    const stored: StoredEvent = {
      position: row.position,
      id: row.id,
      stream: row.stream,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion: row.schema_version,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata) as EventMetadata,
      recordedAt: row.recorded_at,
      hash: row.hash,
    };
    const event = codec === undefined ? stored : codec.decode(stored);
    const upcaster = Object.hasOwn(upcasters, event.type) ? upcasters[event.type] : undefined;
    if (upcaster === undefined) return event;
    const { data, schemaVersion } = lift(upcaster, event.type, event.data, event.schemaVersion);
    return { ...event, data, schemaVersion };
  };
}
