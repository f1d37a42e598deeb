import { type Kysely, sql } from 'kysely';
import type { AppendedRows } from '../append.ts';
import { expectedVersionFor } from '../append.ts';
import { StreamVersionConflictError } from '../errors.ts';
import { chainHash } from '../hash-chain.ts';
import type { EventRow } from '../sql.ts';
import type { AppendOptions, NewEvent } from '../types.ts';
import { withPostgresErrors } from './pg-errors.ts';
import type { PostgresLogTables } from './pg-tables.ts';

/** Rows per INSERT: ten parameters a row stays under PostgreSQL's 65,535 bound parameters. */
const rowsPerInsert = 5_000;

/**
 * Appends a batch in one transaction that first locks the log's head row, so the batch's positions
 * follow the last committed one and commit in that order (no reader ever sees position 7 before
 * 6), duplicates and stream versions are judged against a log nobody else is writing, and the
 * chain continues from the head's hash. One lock per batch: several writers serialise per batch,
 * not per event. The NOTIFY is sent at commit, telling every process's live tail to read on.
 */
export function createPostgresAppender(
  db: Kysely<PostgresLogTables>,
  channel: string,
  encode: (event: NewEvent) => NewEvent = (event) => event,
) {
  return (events: readonly NewEvent[], options: AppendOptions, recordedAt: string): Promise<AppendedRows> =>
    withPostgresErrors(() =>
      db.transaction().execute(async (trx) => {
        const head = await trx
          .selectFrom('events_head')
          .select(['position', 'hash'])
          .where('log', '=', 1)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const ids = [...new Set(events.map((event) => event.id))];
        const stored =
          ids.length === 0
            ? new Set<string>()
            : new Set(
                (await trx.selectFrom('events').select('id').where('id', 'in', ids).execute()).map(
                  (row) => row.id,
                ),
              );
        const duplicates: string[] = [];
        const seen = new Set<string>();
        const fresh: NewEvent[] = [];
        for (const event of events) {
          if (seen.has(event.id) || stored.has(event.id)) duplicates.push(event.id);
          else fresh.push(event);
          seen.add(event.id);
        }
        if (fresh.length === 0) return { rows: [], duplicates, lastPosition: head.position };

        const streams = new Set(events.map((event) => event.stream));
        const freshStreams = [...new Set(fresh.map((event) => event.stream))];
        const current = await trx
          .selectFrom('events')
          .select((eb) => ['stream', eb.fn.max('stream_version').as('version')])
          .where('stream', 'in', freshStreams)
          .groupBy('stream')
          .execute();
        const versions = new Map<string, number>(current.map((row) => [row.stream, Number(row.version)]));
        for (const stream of freshStreams) {
          const actual = versions.get(stream) ?? 0;
          const expected = expectedVersionFor(options.expectedVersion, stream, streams);
          if (expected !== undefined && expected !== actual) {
            throw new StreamVersionConflictError(stream, expected, actual);
          }
        }

        let previousHash = head.hash;
        let position = head.position;
        const rows: EventRow[] = [];
        for (const original of fresh) {
          const event = encode(original);
          const streamVersion = (versions.get(event.stream) ?? 0) + 1;
          versions.set(event.stream, streamVersion);
          const content = {
            id: event.id,
            stream: event.stream,
            stream_version: streamVersion,
            type: event.type,
            schema_version: event.schemaVersion ?? 1,
            data: JSON.stringify(event.data) ?? 'null',
            metadata: JSON.stringify(event.metadata ?? {}),
            recorded_at: recordedAt,
          };
          const hash = chainHash(previousHash, content);
          position += 1;
          rows.push({ position, ...content, hash });
          previousHash = hash;
        }
        for (let start = 0; start < rows.length; start += rowsPerInsert) {
          await trx
            .insertInto('events')
            .values(rows.slice(start, start + rowsPerInsert))
            .execute();
        }
        await trx
          .updateTable('events_head')
          .set({ position, hash: previousHash })
          .where('log', '=', 1)
          .execute();
        await sql`SELECT pg_notify(${channel}, ${String(position)})`.execute(trx);
        return { rows, duplicates, lastPosition: position };
      }),
    );
}
