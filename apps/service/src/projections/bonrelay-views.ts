import {
  type ConnectivityView,
  connectivityViewVersion,
  initialConnectivity,
  initialOfflineAudit,
  type OfflineAuditState,
  offlineViewVersion,
  reduceConnectivity,
  reduceOfflinePeriods,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import {
  type OrderQueries,
  orderQueries,
  ordersView,
  type PersonalDataSealer,
  type PrintJobQueries,
  plainPersonalData,
  printJobQueries,
  printJobsView,
  sqliteViewConnection,
  startViewProjector,
  type TableView,
  type ViewProjector,
} from '@bonrelay/views';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { RowSealer } from '../privacy/view-sealer.ts';
import type { Projection } from './projection.ts';
import { type LiveView, type RunningView, startView } from './projection-runner.ts';
import { openReadTables } from './read-tables.ts';
import { createViewFlusher, type ViewFlusher } from './view-flusher.ts';

/** Every view bonrelay keeps, by name. The same list serves the service, rebuild and replay. */
export function bonrelayProjections(_config: Config) {
  return {
    connectivity: {
      name: 'connectivity',
      version: connectivityViewVersion,
      initial: initialConnectivity,
      reduce: reduceConnectivity,
    } satisfies Projection<ConnectivityView>,
    offline: {
      name: 'offline-periods',
      version: offlineViewVersion,
      initial: initialOfflineAudit,
      reduce: reduceOfflinePeriods,
    } satisfies Projection<OfflineAuditState>,
  };
}

/**
 * The views kept as tables of their own (the rest are still folded in memory and snapshotted). The
 * orders table numbers tickets by the restaurant's business day and keeps guests' personal fields
 * as `personalData` seals them.
 */
export function bonrelayTableViews(
  config: Config,
  personalData: PersonalDataSealer = plainPersonalData,
): readonly TableView[] {
  const businessDay = { dayStartsAt: config.businessDay.startsAt, timeZone: config.businessDay.timeZone };
  return [printJobsView, ordersView({ businessDay, personalData })];
}

/** How the views keep guests' data at rest: snapshot rows under the site key, personal fields per guest. */
export interface ViewPrivacy {
  readonly rows?: RowSealer;
  readonly personalData?: PersonalDataSealer;
}

export interface BonrelayViews {
  readonly connectivity: LiveView<ConnectivityView>;
  readonly offline: LiveView<OfflineAuditState>;
  /** The views kept as their own tables, and where they stand. */
  readonly tables: ViewProjector;
  /** The print jobs table: one row per job, read through its indexes. */
  readonly jobs: PrintJobQueries;
  /** The orders table: one row per order; its tickets are its jobs. */
  readonly orders: OrderQueries;
  /** Writes pending rows now (tests, shutdown). */
  flush(): void;
  stop(): void;
}

/**
 * Starts every view over the live log; each is current the moment `append` returns. Their rows are
 * written together by one flusher, at most every `flushIntervalMs`.
 */
export function startViews(
  store: EventStore,
  config: Config,
  privacy: ViewPrivacy = {},
  scheduler: SchedulerLike = asyncScheduler,
): BonrelayViews {
  const tables = openReadTables(store.connection, privacy.rows);
  // Orders were once snapshot rows here, sealed with the site key only: a forgotten guest's name
  // must not outlive her key in them.
  if (tables.checkpoint('orders')) tables.drop('orders');
  const projections = bonrelayProjections(config);
  let flusher: ViewFlusher | undefined;
  const dirty = () => flusher?.request();
  const connectivity = startView(store, tables, projections.connectivity, dirty);
  const offline = startView(store, tables, projections.offline, dirty);
  const views = [connectivity, offline];
  const connection = sqliteViewConnection(store.connection);
  const viewTables = startViewProjector({
    store,
    connection,
    views: bonrelayTableViews(config, privacy.personalData),
    scheduler,
    flushIntervalMs: config.database.viewFlushIntervalMs,
  });
  flusher = createViewFlusher(
    tables,
    views as RunningView<unknown>[],
    scheduler,
    config.database.viewFlushIntervalMs,
  );
  flusher.request();
  const active = flusher;
  return {
    connectivity,
    offline,
    tables: viewTables,
    jobs: printJobQueries(connection),
    orders: orderQueries(connection, privacy.personalData),
    flush: () => {
      active.flush();
      viewTables.flush();
    },
    stop: () => {
      active.stop();
      viewTables.stop();
      for (const view of views) view.stop();
    },
  };
}
