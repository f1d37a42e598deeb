import { z } from 'zod';

/**
 * One site event on the wire, exactly as the site's log stores it: position, id, stream, stream
 * version, type, schema version, data and metadata as the stored JSON text (so sealed personal data
 * stays sealed and the hash chain can be recomputed byte for byte), recorded-at and hash. A tuple,
 * not an object, because a catch-up ships millions of them.
 */
export type ReplicatedRow = readonly [
  position: number,
  id: string,
  stream: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: string,
  hash: string,
];

const row = z.tuple([
  z.number().int().min(1),
  z.string().min(1).max(300),
  z.string().min(1).max(300),
  z.number().int().min(1),
  z.string().min(1).max(100),
  z.number().int().min(1),
  z.string(),
  z.string(),
  z.string().max(40),
  z.string().regex(/^[0-9a-f]{64}$/),
]);

/** What a site posts to `POST /replication/events`: its next rows, in its order. */
export const replicationBatchSchema = z.strictObject({ events: z.array(row).max(50_000) });

export type ReplicationBatch = z.infer<typeof replicationBatchSchema>;
