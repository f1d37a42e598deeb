import type { OfflineAuditState } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { bonrelayProjections } from '../projections/bonrelay-views.ts';
import { storedVersion } from '../projections/projection-runner.ts';
import { openReadTables } from '../projections/read-tables.ts';
import { stateFromRows } from '../projections/state-rows.ts';
import { type CliContext, viewSealerForCli } from './cli-context.ts';

/**
 * The offline-periods view as the service last wrote it, if its rows were built by this code
 * (same reducer and row layout); undefined otherwise, and the caller folds the whole log instead.
 */
export function savedOfflineAudit(
  store: EventStore,
  context: CliContext,
): { state: OfflineAuditState; position: number } | undefined {
  const projection = bonrelayProjections(context.config).offline;
  try {
    const tables = openReadTables(store.connection, viewSealerForCli(context));
    const saved = tables.checkpoint(projection.name);
    if (!saved || saved.version !== storedVersion(projection)) return undefined;
    return {
      state: stateFromRows(projection.initial, tables.rows(projection.name)),
      position: saved.position,
    };
  } catch {
    return undefined;
  }
}
