import { rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import { bonrelayProjections, bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import { openReadTables, rebuildView } from '../../projections/index.ts';
import { textOption } from '../args.ts';
import { assertServiceStopped, type CliContext, openLogForCli, viewSealerForCli } from '../cli-context.ts';

/**
 * `projections rebuild [--view NAME]`: replays the whole log into fresh read tables (one view, or
 * all of them), swapping each in atomically, with progress on a terminal.
 */
export function rebuildCommand(context: CliContext): number {
  assertServiceStopped(context, 'projections rebuild');
  const only = textOption(context.args, 'view');
  const tableViews =
    only === undefined ? bonrelayTableViews : bonrelayTableViews.filter((view) => view.name === only);
  const known = [
    ...bonrelayTableViews.map((view) => view.name),
    ...Object.values(bonrelayProjections(context.config)).map((projection) => projection.name),
  ];
  if (only !== undefined && !known.includes(only)) {
    throw new Error(`--view ${only}: no such view; one of ${known.join(', ')}`);
  }
  const store = openLogForCli(context, 'read-write');
  try {
    const tables = openReadTables(store.connection, viewSealerForCli(context));
    for (const projection of Object.values(bonrelayProjections(context.config))) {
      if (only !== undefined && projection.name !== only) continue;
      rebuildView(store, tables, projection as never);
      context.out(
        `${projection.name}: rebuilt to position ${tables.checkpoint(projection.name)?.position ?? 0}\n`,
      );
    }
    if (tableViews.length === 0) return 0;
    const progress = context.isTty
      ? (position: number, target: number) => process.stderr.write(`\rrebuilding… ${position} / ${target}`)
      : undefined;
    const position = rebuildViews(store, sqliteViewConnection(store.connection), tableViews, {
      ...(progress ? { onProgress: progress } : {}),
    });
    if (progress) process.stderr.write('\n');
    for (const view of tableViews) context.out(`${view.name}: rebuilt to position ${position}\n`);
    return 0;
  } finally {
    store.close();
  }
}
