import { bonrelayProjections } from '../../projections/bonrelay-views.ts';
import { openReadTables, runProjection } from '../../projections/index.ts';
import { type CliContext, openLogForCli, viewSealerForCli } from '../cli-context.ts';

/** `projections rebuild`: drops every read table and replays the whole log into fresh ones. */
export function rebuildCommand(context: CliContext): number {
  const store = openLogForCli(context, 'read-write');
  try {
    const tables = openReadTables(store.connection, viewSealerForCli(context));
    tables.drop();
    for (const projection of Object.values(bonrelayProjections(context.config))) {
      const view = runProjection(store, tables, projection as never);
      view.stop();
      context.out(`${view.name}: rebuilt to position ${view.position()}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
