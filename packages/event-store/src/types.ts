import type BetterSqlite3 from 'better-sqlite3';
import type { Observable } from 'rxjs';

/** The better-sqlite3 connection type, re-exported so projections need not depend on the driver's typings. */
export type Database = BetterSqlite3.Database;

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  source?: string;
  [k: string]: unknown;
}

export interface NewEvent {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  metadata?: EventMetadata;
  /** Defaults to 1. */
  schemaVersion?: number;
}

export interface StoredEvent {
  position: number;
  id: string;
  stream: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  /** ISO 8601, from the injected clock. */
  recordedAt: string;
  hash: string;
}

export interface AppendResult {
  appended: StoredEvent[];
  /** Ids already stored (or repeated within the batch), skipped. */
  duplicates: string[];
  lastPosition: number;
}

/** Lifts `data` written at `fromVersion` one or more steps towards the current schema. */
export type Upcaster = (data: unknown, fromVersion: number) => { data: unknown; schemaVersion: number };

/**
 * Changes an event between the caller's form and the stored form (e.g. sealing personal data), so
 * features like encryption at rest need no change in the log itself. `encode` runs inside the append
 * transaction, before hashing, for events that are not duplicates; it must keep `id` and `stream`,
 * and any SQL it runs must use the store's own connection. `decode` runs on every read path and
 * should not throw for data it cannot open.
 */
export interface EventCodec {
  encode(event: NewEvent): NewEvent;
  decode(event: StoredEvent): StoredEvent;
}

export interface EventStoreOptions {
  file: string;
  clock?: () => Date;
  /** Defaults to 5000. */
  busyTimeoutMs?: number;
  /** Keyed by event type. */
  upcasters?: Record<string, Upcaster>;
  readonly?: boolean;
  /** Events per catch-up page in `live()`; defaults to 1000. Tests shrink it to cross many pages. */
  livePageSize?: number;
  /** Applied on append (before hashing) and on every read; the hash chain covers the stored form. */
  codec?: EventCodec;
}

export interface AppendOptions {
  /** A number applies to the batch's single stream; a record maps stream → expected current version (0 = new). */
  expectedVersion?: number | Record<string, number>;
}

export interface ReadQuery {
  after?: number;
  limit?: number;
  streams?: readonly string[];
  types?: readonly string[];
  /** recordedAt lower bound, inclusive. */
  from?: string;
  /** recordedAt upper bound, exclusive. */
  to?: string;
}

export type VerifyResult = { ok: true; checked: number } | { ok: false; brokenAt: number; reason: string };

export interface EventStore {
  append(events: readonly NewEvent[], options?: AppendOptions): AppendResult;
  read(query?: ReadQuery): StoredEvent[];
  readStream(stream: string): StoredEvent[];
  live(after?: number): Observable<StoredEvent>;
  lastPosition(): number;
  verify(): VerifyResult;
  readonly connection: Database;
  close(): void;
}

/**
 * The log as code that may run on either database sees it: every answer is a promise, because a
 * server database answers over a socket. The SQLite store is wrapped into one by `asyncEventStore`.
 */
export interface AsyncEventStore {
  append(events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  read(query?: ReadQuery): Promise<StoredEvent[]>;
  readStream(stream: string): Promise<StoredEvent[]>;
  /** Every event after `after`, then each new one once, in position order, whichever process appended it. */
  live(after?: number): Observable<StoredEvent>;
  lastPosition(): Promise<number>;
  verify(): Promise<VerifyResult>;
  close(): Promise<void>;
}

export interface PostgresEventStoreOptions {
  clock?: () => Date;
  upcasters?: Record<string, Upcaster>;
  /** Events per catch-up page in `live()`; defaults to 1000. */
  livePageSize?: number;
  /** Must not run SQL: on PostgreSQL it has no connection of the append's transaction to use. */
  codec?: EventCodec;
  /** Connections in the store's pool; defaults to 10 (the live tail holds one more of its own). */
  poolSize?: number;
}
