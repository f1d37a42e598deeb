import { createOrdersReducer, initialOrders, type OrdersView, ordersViewVersion } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import {
  type ConnectivityQueries,
  connectivityQueries,
  connectivityView,
  offlinePeriodsView,
  type PrintJobQueries,
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
export function bonrelayProjections(config: Config) {
  return {
    orders: {
      name: 'orders',
      version: ordersViewVersion,
      initial: initialOrders,
      reduce: createOrdersReducer({
        dayStartsAt: config.businessDay.startsAt,
        timeZone: config.businessDay.timeZone,
      }),
    } satisfies Projection<OrdersView>,
  };
}

/** The views kept as tables of their own (the rest are still folded in memory and snapshotted). */
export const bonrelayTableViews: readonly TableView[] = [printJobsView, connectivityView, offlinePeriodsView];

export interface BonrelayViews {
  readonly orders: LiveView<OrdersView>;
  /** The views kept as their own tables, and where they stand. */
  readonly tables: ViewProjector;
  /** The print jobs table: one row per job, read through its indexes. */
  readonly jobs: PrintJobQueries;
  /** The printers, internet and offline periods tables. */
  readonly connectivity: ConnectivityQueries;
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
  sealer?: RowSealer,
  scheduler: SchedulerLike = asyncScheduler,
): BonrelayViews {
  const tables = openReadTables(store.connection, sealer);
  const projections = bonrelayProjections(config);
  let flusher: ViewFlusher | undefined;
  const dirty = () => flusher?.request();
  const orders = startView(store, tables, projections.orders, dirty);
  const views = [orders];
  const connection = sqliteViewConnection(store.connection);
  const viewTables = startViewProjector({
    store,
    connection,
    views: bonrelayTableViews,
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
    orders,
    tables: viewTables,
    jobs: printJobQueries(connection),
    connectivity: connectivityQueries(connection),
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
