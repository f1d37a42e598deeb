import { createHash } from 'node:crypto';
import type { EventRow } from './sql.ts';

/** The "previous hash" of the first event, so the chain has a fixed anchor. */
export const genesisHash = '0'.repeat(64);

type HashedContent = Omit<EventRow, 'position' | 'hash'>;

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
