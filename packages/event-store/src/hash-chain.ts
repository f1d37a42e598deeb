import { createHash } from 'node:crypto';
import type { EventRow } from './sql.ts';
import type { NewEvent } from './types.ts';

/** The "previous hash" of the first event, so the chain has a fixed anchor. */
export const genesisHash = '0'.repeat(64);

/** A row as stored, before the log gives it a position and the chain a hash. */
export type HashedContent = Omit<EventRow, 'position' | 'hash'>;

/**
 * Links an event to everything before it: editing, removing or reordering any stored row changes
 * every later hash, which is what lets `verify()` point at the first tampered position. It hashes
 * the stored JSON text (not re-serialised values) so verification reproduces it byte for byte.
 */
export function chainHash(previousHash: string, row: HashedContent): string {
  const content = JSON.stringify([
    row.id,
    row.stream,
    row.stream_version,
    row.type,
    row.schema_version,
    row.data,
    row.metadata,
    row.recorded_at,
  ]);
  return createHash('sha256').update(`${previousHash}\n${content}`).digest('hex');
}

/**
 * The stored form of an (already encoded) event: one builder for every dialect, because a chain
 * built on SQLite must verify on PostgreSQL and back, byte for byte.
 */
export function storedContent(event: NewEvent, streamVersion: number, recordedAt: string): HashedContent {
  return {
    id: event.id,
    stream: event.stream,
    stream_version: streamVersion,
    type: event.type,
    schema_version: event.schemaVersion ?? 1,
    data: JSON.stringify(event.data) ?? 'null',
    metadata: JSON.stringify(event.metadata ?? {}),
    recorded_at: recordedAt,
  };
}
