/**
 * A connection to a server database the views can live in (PostgreSQL on a hub). Every answer is a
 * promise; statements are the same text the SQLite path prepares, with `?` placeholders.
 */
export interface AsyncViewConnection {
  query<Row>(statement: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** Several reads in one round trip, answered in order: what a batch's writer lacked. */
  queryMany(reads: readonly { statement: string; parameters: readonly unknown[] }[]): Promise<unknown[][]>;
  exec(statements: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; rows are derived, so it need not wait for the disk. */
  transaction<T>(work: (connection: AsyncViewConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
