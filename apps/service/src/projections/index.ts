export type { Projection } from './projection.ts';
export type { LiveView, RunningView } from './projection-runner.ts';
export { rebuildView, runProjection, startView, storedVersion, toDomainEvent } from './projection-runner.ts';
export type { ReadTables, ViewCommit } from './read-tables.ts';
export { openReadTables } from './read-tables.ts';
export { createViewFlusher, type ViewFlusher } from './view-flusher.ts';
