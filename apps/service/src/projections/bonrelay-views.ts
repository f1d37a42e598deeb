import type { Database, EventStore } from '@bonrelay/event-store';
import {
  type ConnectivityQueries,
  connectivityQueries,
  connectivityView,
  type DailyFigureQueries,
  dailyFigureQueries,
  type LogMetricQueries,
  logMetricQueries,
  logMetricsView,
  type OrderQueries,
  offlinePeriodsView,
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

/**
 * Every view bonrelay keeps, each as tables of its own. The orders table numbers tickets by the
 * restaurant's business day and keeps guests' personal fields as `personalData` seals them.
 */
export function bonrelayTableViews(
  config: Config,
  personalData: PersonalDataSealer = plainPersonalData,
): readonly TableView[] {
  const businessDay = { dayStartsAt: config.businessDay.startsAt, timeZone: config.businessDay.timeZone };
  // The log metrics time a ticket from its order's receipt: they read the orders table, so come after it.
  return [
    printJobsView,
    ordersView({ businessDay, personalData }),
    connectivityView,
    offlinePeriodsView,
    logMetricsView,
  ];
}

/** How the views keep guests' data at rest: personal fields sealed per guest. */
export interface ViewPrivacy {
  readonly personalData?: PersonalDataSealer;
}

export interface BonrelayViews {
  /** The projector that keeps every table current, and where it stands. */
  readonly tables: ViewProjector;
  /** The print jobs table: one row per job, read through its indexes. */
  readonly jobs: PrintJobQueries;
  /** The orders table: one row per order; its tickets are its jobs. */
  readonly orders: OrderQueries;
  /** The printers, internet and offline periods tables. */
  readonly connectivity: ConnectivityQueries;
  /** The log's counters and print latency histogram, for `/metrics`. */
  readonly metrics: LogMetricQueries;
  /** One business day's orders and reprints, for the owner's daily summary. */
  readonly days: DailyFigureQueries;
  /** Writes pending rows now (tests, shutdown). */
  flush(): void;
  stop(): void;
}

/**
 * Earlier versions kept whole views in memory and snapshotted them into generic rows; nothing reads
 * those any more, and the orders among them were sealed with the site key only, so a forgotten
 * guest's name must not outlive her key there.
 */
function dropSnapshotRows(db: Database): void {
  db.exec('DROP TABLE IF EXISTS projection_rows; DROP TABLE IF EXISTS projection_checkpoints;');
}

/**
 * Starts the projector that keeps every table current with the log, within one flush interval
 * (`database.viewFlushIntervalMs`) of each commit. Reads go through the tables' typed queries.
 */
export function startViews(
  store: EventStore,
  config: Config,
  privacy: ViewPrivacy = {},
  scheduler: SchedulerLike = asyncScheduler,
): BonrelayViews {
  dropSnapshotRows(store.connection);
  const connection = sqliteViewConnection(store.connection);
  const tables = startViewProjector({
    store,
    connection,
    views: bonrelayTableViews(config, privacy.personalData),
    scheduler,
    flushIntervalMs: config.database.viewFlushIntervalMs,
  });
  return {
    tables,
    jobs: printJobQueries(connection),
    orders: orderQueries(connection, privacy.personalData),
    connectivity: connectivityQueries(connection),
    metrics: logMetricQueries(connection),
    days: dailyFigureQueries(connection),
    flush: () => tables.flush(),
    stop: () => tables.stop(),
  };
}
