import {
  type ConnectivityView,
  connectivityViewVersion,
  createOrdersReducer,
  initialConnectivity,
  initialOfflineAudit,
  initialOrders,
  initialPrintQueue,
  type OfflineAuditState,
  type OrdersView,
  offlineViewVersion,
  ordersViewVersion,
  type PrintQueue,
  reduceConnectivity,
  reduceOfflinePeriods,
  reducePrintQueue,
  revivePrintQueue,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import {
  type PrintJobQueries,
  printJobQueries,
  printJobsView,
  sqliteViewConnection,
  startViewProjector,
  type ViewProjector,
} from '@bonrelay/views';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { RowSealer } from '../privacy/view-sealer.ts';
import type { Projection } from './projection.ts';
import { type LiveView, type RunningView, startView } from './projection-runner.ts';
import { openReadTables } from './read-tables.ts';
import { createViewFlusher, type ViewFlusher } from './view-flusher.ts';

/** The queue's reducer has no version constant of its own yet; bump here when it changes. */
const printQueueViewVersion = 5;

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
    printQueue: {
      name: 'print-queue',
      version: printQueueViewVersion,
      initial: initialPrintQueue,
      reduce: reducePrintQueue,
      revive: revivePrintQueue,
    } satisfies Projection<PrintQueue>,
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

export interface BonrelayViews {
  readonly orders: LiveView<OrdersView>;
  readonly printQueue: LiveView<PrintQueue>;
  readonly connectivity: LiveView<ConnectivityView>;
  readonly offline: LiveView<OfflineAuditState>;
  /** The views kept as their own tables, and where they stand. */
  readonly tables: ViewProjector;
  /** The print jobs table: one row per job, read through its indexes. */
  readonly jobs: PrintJobQueries;
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
  const printQueue = startView(store, tables, projections.printQueue, dirty);
  const connectivity = startView(store, tables, projections.connectivity, dirty);
  const offline = startView(store, tables, projections.offline, dirty);
  const views = [orders, printQueue, connectivity, offline];
  const connection = sqliteViewConnection(store.connection);
  const viewTables = startViewProjector({
    store,
    connection,
    views: [printJobsView],
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
    printQueue,
    connectivity,
    offline,
    tables: viewTables,
    jobs: printJobQueries(connection),
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
