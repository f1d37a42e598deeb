import { rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import { bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import { textOption } from '../args.ts';
import { assertServiceStopped, type CliContext, openLogForCli, personalDataForCli } from '../cli-context.ts';

/**
 * `projections rebuild [--view NAME]`: replays the whole log into fresh read tables (one view, or
 * all of them), swapping them in atomically, with progress on a terminal.
 */
export function rebuildCommand(context: CliContext): number {
  assertServiceStopped(context, 'projections rebuild');
  const only = textOption(context.args, 'view');
  const store = openLogForCli(context, 'read-write');
  try {
    const every = bonrelayTableViews(context.config, personalDataForCli(context, store));
    const views = only === undefined ? every : every.filter((view) => view.name === only);
    if (views.length === 0) {
      throw new Error(`--view ${only}: no such view; one of ${every.map((view) => view.name).join(', ')}`);
    }
    const progress = context.isTty
      ? (position: number, target: number) => process.stderr.write(`\rrebuilding… ${position} / ${target}`)
      : undefined;
    const position = rebuildViews(store, sqliteViewConnection(store.connection), views, {
      ...(progress ? { onProgress: progress } : {}),
    });
    if (progress) process.stderr.write('\n');
    for (const view of views) context.out(`${view.name}: rebuilt to position ${position}\n`);
    return 0;
  } finally {
    store.close();
  }
}
