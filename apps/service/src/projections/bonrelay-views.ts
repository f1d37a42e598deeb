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
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { RowSealer } from '../privacy/view-sealer.ts';
import type { Projection } from './projection.ts';
import { type LiveView, runProjection } from './projection-runner.ts';
import { openReadTables } from './read-tables.ts';

/** The queue's reducer has no version constant of its own yet; bump here when it changes. */
const printQueueViewVersion = 1;

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
  stop(): void;
}

/** Starts every view over the live log; each is current the moment `append` returns. */
export function startViews(
  store: EventStore,
  config: Config,
  sealer?: RowSealer,
  scheduler?: SchedulerLike,
): BonrelayViews {
  const tables = openReadTables(store.connection, sealer);
  const projections = bonrelayProjections(config);
  const orders = runProjection(store, tables, projections.orders, scheduler);
  const printQueue = runProjection(store, tables, projections.printQueue, scheduler);
  const connectivity = runProjection(store, tables, projections.connectivity, scheduler);
  const offline = runProjection(store, tables, projections.offline, scheduler);
  return {
    orders,
    printQueue,
    connectivity,
    offline,
    stop: () => {
      for (const view of [orders, printQueue, connectivity, offline]) view.stop();
    },
  };
}
