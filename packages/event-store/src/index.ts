export { asyncEventStore } from './async-event-store.ts';
export {
  IncompatibleDatabaseError,
  StoreFullError,
  StoreUnavailableError,
  StreamVersionConflictError,
} from './errors.ts';
export { openEventStore } from './event-store.ts';
export { chainHash, genesisHash } from './hash-chain.ts';
export { type ImportResult, importStoredRows, type StoredRow } from './import-rows.ts';
export type { PostgresLogState } from './postgres/pg-inspect.ts';
export { inspectPostgresLog } from './postgres/pg-inspect.ts';
export { openPool as openPostgresPool } from './postgres/pg-pool.ts';
export { openPostgresEventStore } from './postgres/postgres-event-store.ts';
export type {
  AppendOptions,
  AppendResult,
  AsyncEventStore,
  Database,
  EventCodec,
  EventMetadata,
  EventStore,
  EventStoreOptions,
  NewEvent,
  PostgresEventStoreOptions,
  ReadQuery,
  StoredEvent,
  Upcaster,
  VerifyResult,
} from './types.ts';
