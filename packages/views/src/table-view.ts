import type { AnyDomainEvent } from '@bonrelay/domain';
import type { ViewConnection } from './view-connection.ts';

/**
 * One view of the log kept as its own tables. `version` names the shape of its rows: when it
 * changes, the tables are dropped and the log is replayed into new ones.
 */
export interface TableView {
  readonly name: string;
  readonly version: number;
  /** Creates its tables and indexes when they are missing. */
  create(connection: ViewConnection): void;
  /** Removes its tables (a new version, or a rebuild). */
  drop(connection: ViewConnection): void;
  /** Prepares the writer that folds batches of events into its rows, inside the batch's transaction. */
  writer(connection: ViewConnection): (events: readonly AnyDomainEvent[]) => void;
}
