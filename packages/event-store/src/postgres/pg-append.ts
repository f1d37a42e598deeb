import type pg from 'pg';
import type { AppendedRows } from '../append.ts';
import { expectedVersionFor } from '../append.ts';
import { StreamVersionConflictError } from '../errors.ts';
import { chainHash, storedContent } from '../hash-chain.ts';
import type { EventRow } from '../sql.ts';
import type { AppendOptions, NewEvent } from '../types.ts';
import { withPostgresErrors } from './pg-errors.ts';

// Four round trips per batch whatever its size, three of them under the lock: the lock is what
// several writers queue on, so every round trip held under it is throughput lost.
const lockHead = 'BEGIN; SELECT position, hash FROM events_head WHERE log = 1 FOR UPDATE';
const storedIdsAndVersions = `
  SELECT 'id' AS kind, id AS key, 0 AS version FROM events WHERE id = ANY($1::text[])
  UNION ALL
  SELECT 'stream', stream, max(stream_version) FROM events WHERE stream = ANY($2::text[]) GROUP BY stream`;
const writeBatch = `
  WITH written AS (
    INSERT INTO events (position, id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash)
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[],
      $8::text[], $9::text[], $10::text[])
  ), moved AS (
    UPDATE events_head SET position = $11, hash = $12 WHERE log = 1
  )
  SELECT pg_notify($13, $11::text)`;

interface Head {
  position: number;
  hash: string;
}

function columnsOf(rows: readonly EventRow[]): unknown[][] {
  const columns = [
    'position',
    'id',
    'stream',
    'stream_version',
    'type',
    'schema_version',
    'data',
    'metadata',
    'recorded_at',
    'hash',
  ] as const;
  return columns.map((column) => rows.map((row) => row[column]));
}

/**
 * Appends a batch in one transaction that first locks the log's head row, so the batch's positions
 * follow the last committed one and commit in that order (no reader ever sees position 7 before
 * 6), duplicates and stream versions are judged against a log nobody else is writing, and the
 * chain continues from the head's hash. One lock per batch: several writers serialise per batch,
 * not per event. The NOTIFY is sent at commit, telling every process's live tail to read on.
 */
export function createPostgresAppender(
  pool: pg.Pool,
  channel: string,
  encode: (event: NewEvent) => NewEvent = (event) => event,
) {
  const write = async (
    client: pg.PoolClient,
    events: readonly NewEvent[],
    options: AppendOptions,
    recordedAt: string,
  ): Promise<AppendedRows> => {
    const locked = (await client.query(lockHead)) as unknown as pg.QueryResult[];
    const head = locked[1]!.rows[0] as Head;
    const ids = [...new Set(events.map((event) => event.id))];
    const streams = new Set(events.map((event) => event.stream));
    const known = await client.query<{ kind: string; key: string; version: number }>(storedIdsAndVersions, [
      ids,
      [...streams],
    ]);
    const stored = new Set<string>();
    const versions = new Map<string, number>();
    for (const row of known.rows) {
      if (row.kind === 'id') stored.add(row.key);
      else versions.set(row.key, Number(row.version));
    }
    const duplicates: string[] = [];
    const seen = new Set<string>();
    const fresh: NewEvent[] = [];
    for (const event of events) {
      if (seen.has(event.id) || stored.has(event.id)) duplicates.push(event.id);
      else fresh.push(event);
      seen.add(event.id);
    }
    if (fresh.length === 0) return { rows: [], duplicates, lastPosition: head.position };
    for (const stream of new Set(fresh.map((event) => event.stream))) {
      const actual = versions.get(stream) ?? 0;
      const expected = expectedVersionFor(options.expectedVersion, stream, streams);
      if (expected !== undefined && expected !== actual)
        throw new StreamVersionConflictError(stream, expected, actual);
    }

    let previousHash = head.hash;
    let position = head.position;
    const rows: EventRow[] = [];
    for (const original of fresh) {
      const event = encode(original);
      const streamVersion = (versions.get(event.stream) ?? 0) + 1;
      versions.set(event.stream, streamVersion);
      const content = storedContent(event, streamVersion, recordedAt);
      const hash = chainHash(previousHash, content);
      position += 1;
      rows.push({ position, ...content, hash });
      previousHash = hash;
    }
    await client.query(writeBatch, [...columnsOf(rows), position, previousHash, channel]);
    return { rows, duplicates, lastPosition: position };
  };

  return (events: readonly NewEvent[], options: AppendOptions, recordedAt: string): Promise<AppendedRows> =>
    withPostgresErrors(async () => {
      const client = await pool.connect();
      try {
        const written = await write(client, events, options, recordedAt);
        await client.query('COMMIT');
        return written;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
}
