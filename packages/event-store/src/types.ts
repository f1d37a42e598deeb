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
