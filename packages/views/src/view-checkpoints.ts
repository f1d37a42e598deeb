import { sql, statementOf } from './sql-builder.ts';
import type { ViewConnection } from './view-connection.ts';

/** Where a view stands: the shape of its rows and the last log position folded into them. */
export interface ViewCheckpoint {
  readonly version: number;
  readonly position: number;
}

const ddl = statementOf(
  sql.schema
    .createTable('view_checkpoints')
    .ifNotExists()
    .addColumn('view', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('position', 'bigint', (column) => column.notNull()),
);
const select = statementOf(
  sql.selectFrom('view_checkpoints').select(['version', 'position']).where('view', '=', ''),
);
const upsert = statementOf(
  sql
    .insertInto('view_checkpoints')
    .values({ view: '', version: 0, position: 0 })
    .onConflict((conflict) =>
      conflict.column('view').doUpdateSet((excluded) => ({
        version: excluded.ref('excluded.version'),
        position: excluded.ref('excluded.position'),
      })),
    ),
);
const remove = statementOf(sql.deleteFrom('view_checkpoints').where('view', '=', ''));

/** Reads and moves views' checkpoints; `save` belongs inside the transaction that wrote the rows. */
export function viewCheckpoints(connection: ViewConnection) {
  connection.exec(ddl);
  return {
    load: (view: string) => connection.prepare<ViewCheckpoint>(select).get(view),
    save: (view: string, checkpoint: ViewCheckpoint) =>
      connection.prepare(upsert).run(view, checkpoint.version, checkpoint.position),
    forget: (view: string) => connection.prepare(remove).run(view),
  };
}

/**
 * A view's checkpoint read without creating anything, for a reader on a read-only log; undefined
 * when the log has no view tables yet (a copy made before them, or a fresh log).
 */
export function savedCheckpoint(connection: ViewConnection, view: string): ViewCheckpoint | undefined {
  try {
    return connection.prepare<ViewCheckpoint>(select).get(view);
  } catch {
    return undefined;
  }
}

/** The checkpoint table's statements, for the asynchronous projector that sends them itself. */
export const checkpointStatements = { ddl, select, upsert } as const;
