export type { Projection } from './projection.ts';
export type { LiveView } from './projection-runner.ts';
export { runProjection, toDomainEvent } from './projection-runner.ts';
export type { ReadTables } from './read-tables.ts';
export { openReadTables } from './read-tables.ts';
