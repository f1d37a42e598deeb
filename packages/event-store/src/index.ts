export {
  IncompatibleDatabaseError,
  StoreFullError,
  StoreUnavailableError,
  StreamVersionConflictError,
} from './errors.ts';
export { openEventStore } from './event-store.ts';
export { chainHash, genesisHash } from './hash-chain.ts';
export type {
  AppendOptions,
  AppendResult,
  Database,
  EventCodec,
  EventMetadata,
  EventStore,
  EventStoreOptions,
  NewEvent,
  ReadQuery,
  StoredEvent,
  Upcaster,
  VerifyResult,
} from './types.ts';
