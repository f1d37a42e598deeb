import { createAppender } from './append.ts';
import { StoreUnavailableError, withStoreErrors } from './errors.ts';
import { createLiveFeed } from './live.ts';
import { openConnection } from './open-connection.ts';
import { createRowReader } from './read.ts';
import type { AppendResult, EventStore, EventStoreOptions } from './types.ts';
import { rowToEvent } from './upcast.ts';
import { verifyLog } from './verify.ts';

/**
 * Opens the append-only log, the service's source of truth: migrates it, refuses files it must not
 * touch, and hands out synchronous appends, filtered reads, a gap-free live tail and an audit.
 */
export function openEventStore(options: EventStoreOptions): EventStore {
  const clock = options.clock ?? (() => new Date());
  const readonly = options.readonly ?? false;
  const db = openConnection({
    file: options.file,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    readonly,
    now: clock,
  });
  const codec = options.codec;
  const toEvent = rowToEvent(options.upcasters ?? {}, codec);
  const readRows = createRowReader(db);
  const encode = codec === undefined ? undefined : codec.encode.bind(codec);
  const appendRows = readonly ? undefined : createAppender(db, encode);
  const feed = createLiveFeed(
    (after, limit) => readRows({ after, limit }).map(toEvent),
    options.livePageSize ?? 1000,
  );
  const lastPositionStatement = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck();

  return {
    connection: db,
    append(events, appendOptions = {}): AppendResult {
      if (appendRows === undefined) throw new StoreUnavailableError(`${options.file} is open read-only`);
      if (!db.open) throw new StoreUnavailableError('event store is closed');
      const written = appendRows(events, appendOptions, clock().toISOString());
      const appended = written.rows.map(toEvent);
      feed.publish(appended);
      return { appended, duplicates: written.duplicates, lastPosition: written.lastPosition };
    },
    read: (query = {}) => readRows(query).map(toEvent),
    readStream: (stream) => readRows({ streams: [stream] }).map(toEvent),
    live: (after = 0) => feed.live(after),
    lastPosition: () => withStoreErrors(() => lastPositionStatement.get() ?? 0),
    verify: () => verifyLog(db, readRows),
    close() {
      if (!db.open) return;
      feed.complete();
      db.close();
    },
  };
}
