import { rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import { bonrelayProjections, bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import { openReadTables, rebuildView } from '../../projections/index.ts';
import {
  assertServiceStopped,
  type CliContext,
  openLogForCli,
  personalDataForCli,
  viewSealerForCli,
} from '../cli-context.ts';

/** `projections rebuild`: drops every read table and replays the whole log into fresh ones. */
export function rebuildCommand(context: CliContext): number {
  assertServiceStopped(context, 'projections rebuild');
  const store = openLogForCli(context, 'read-write');
  try {
    const tables = openReadTables(store.connection, viewSealerForCli(context));
    tables.drop();
    for (const projection of Object.values(bonrelayProjections(context.config))) {
      rebuildView(store, tables, projection as never);
      context.out(
        `${projection.name}: rebuilt to position ${tables.checkpoint(projection.name)?.position ?? 0}\n`,
      );
    }
    const views = bonrelayTableViews(context.config, personalDataForCli(context, store));
    const position = rebuildViews(store, sqliteViewConnection(store.connection), views);
    for (const view of views) context.out(`${view.name}: rebuilt to position ${position}\n`);
    return 0;
  } finally {
    store.close();
  }
}
