import type { AsyncViewConnection } from './async-view-connection.ts';
import { runOnRows } from './run-on-rows.ts';
import type { ViewConnection } from './view-connection.ts';

/** A query object's questions, each answered by a promise. */
export type AsyncQueries<Q> = {
  [K in keyof Q]: Q[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/**
 * The views' typed queries (`orderQueries`, `printJobQueries`, …) on a server database: the same
 * statements and row mapping as on SQLite, each question answered asynchronously.
 */
export function asyncQueries<Q extends object>(
  connection: AsyncViewConnection,
  queries: (sync: ViewConnection) => Q,
): AsyncQueries<Q> {
  const names = Object.keys(queries(runOnlyForNames)) as (keyof Q)[];
  return Object.fromEntries(
    names.map((name) => [
      name,
      (...args: unknown[]) =>
        runOnRows(connection, (sync) => (queries(sync)[name] as (...a: unknown[]) => unknown)(...args)),
    ]),
  ) as AsyncQueries<Q>;
}

/** Lets a query factory be called once to learn its questions' names; nothing is asked of it. */
const runOnlyForNames: ViewConnection = {
  prepare: () => {
    throw new Error('a query factory must not read while it is built');
  },
  exec: () => undefined,
  batch: (work) => work(),
};
