import { StreamVersionConflictError, withStoreErrors } from './errors.ts';
import { chainHash, genesisHash, storedContent } from './hash-chain.ts';
import { type EventRow, sql } from './sql.ts';
import type { AppendOptions, Database, NewEvent } from './types.ts';

/** What one committed append wrote, before upcasting for the caller. */
export interface AppendedRows {
  readonly rows: EventRow[];
  readonly duplicates: string[];
  readonly lastPosition: number;
}

/** The version a batch expects of `stream`, if it said one; shared by both databases. */
export function expectedVersionFor(
  expected: AppendOptions['expectedVersion'],
  stream: string,
  streams: ReadonlySet<string>,
): number | undefined {
  if (expected === undefined) return undefined;
  if (typeof expected === 'number') {
    if (streams.size > 1) {
      throw new RangeError('a numeric expectedVersion needs a batch with a single stream; pass a record');
    }
    return expected;
  }
  return Object.hasOwn(expected, stream) ? expected[stream] : undefined;
}

function prepareStatements(db: Database) {
  const exists = sql.selectFrom('events').select('position').where('id', '=', '').compile();
  const version = sql
    .selectFrom('events')
    .select((eb) => eb.fn.max('stream_version').as('version'))
    .where('stream', '=', '')
    .compile();
  const last = sql
    .selectFrom('events')
    .select(['position', 'hash'])
    .orderBy('position', 'desc')
    .limit(1)
    .compile();
  const insert = sql
    .insertInto('events')
    .values({
      id: '',
      stream: '',
      stream_version: 0,
      type: '',
      schema_version: 0,
      data: '',
      metadata: '',
      recorded_at: '',
      hash: '',
    })
    .compile();
  const existsStatement = db.prepare<[string], number>(exists.sql).pluck();
  const versionStatement = db.prepare<[string], number | null>(version.sql).pluck();
  const lastStatement = db.prepare<unknown[], { position: number; hash: string }>(last.sql);
  return {
    exists: (id: string) => existsStatement.get(id) !== undefined,
    version: (stream: string) => versionStatement.get(stream) ?? 0,
    last: () => lastStatement.get(...last.parameters),
    insert: db.prepare(insert.sql),
  };
}

/**
 * The hot path: one synchronous IMMEDIATE transaction of prepared statements, so the batch is
 * durable (synchronous=FULL) or absent, and no other writer can interleave a stream version.
 * `encode` turns each fresh event into its stored form inside that transaction, so whatever it
 * writes on the same connection (a new data key) commits or rolls back with the events.
 */
export function createAppender(db: Database, encode: (event: NewEvent) => NewEvent = (event) => event) {
  const statements = prepareStatements(db);

  const write = db.transaction(
    (events: readonly NewEvent[], options: AppendOptions, recordedAt: string): AppendedRows => {
      const duplicates: string[] = [];
      const seen = new Set<string>();
      const fresh: NewEvent[] = [];
      for (const event of events) {
        if (seen.has(event.id) || statements.exists(event.id)) duplicates.push(event.id);
        else fresh.push(event);
        seen.add(event.id);
      }
      const tail = statements.last();
      if (fresh.length === 0) return { rows: [], duplicates, lastPosition: tail?.position ?? 0 };

      const streams = new Set(events.map((event) => event.stream));
      const versions = new Map<string, number>();
      for (const stream of new Set(fresh.map((event) => event.stream))) {
        const actual = statements.version(stream);
        const expected = expectedVersionFor(options.expectedVersion, stream, streams);
        if (expected !== undefined && expected !== actual) {
          throw new StreamVersionConflictError(stream, expected, actual);
        }
        versions.set(stream, actual);
      }

      let previousHash = tail?.hash ?? genesisHash;
      const rows: EventRow[] = [];
      for (const original of fresh) {
        const event = encode(original);
        const streamVersion = (versions.get(event.stream) ?? 0) + 1;
        versions.set(event.stream, streamVersion);
        const content = storedContent(event, streamVersion, recordedAt);
        const hash = chainHash(previousHash, content);
        const result = statements.insert.run(
          content.id,
          content.stream,
          content.stream_version,
          content.type,
          content.schema_version,
          content.data,
          content.metadata,
          content.recorded_at,
          hash,
        );
        rows.push({ position: Number(result.lastInsertRowid), ...content, hash });
        previousHash = hash;
      }
      return { rows, duplicates, lastPosition: rows[rows.length - 1]!.position };
    },
  );

  return (events: readonly NewEvent[], options: AppendOptions, recordedAt: string): AppendedRows =>
    withStoreErrors(() => write.immediate(events, options, recordedAt));
}
