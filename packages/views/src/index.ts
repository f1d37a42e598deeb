export type { AsyncQueries } from './async-queries.ts';
export { asyncQueries } from './async-queries.ts';
export type { AsyncViewConnection } from './async-view-connection.ts';
export type { AsyncViewProjector, AsyncViewProjectorOptions } from './async-view-projector.ts';
export { startAsyncViewProjector } from './async-view-projector.ts';
export type { CatchUpOptions } from './catch-up-views.ts';
export { catchUpViews } from './catch-up-views.ts';
export type { ConnectivityQueries } from './connectivity/connectivity-queries.ts';
export { connectivityQueries } from './connectivity/connectivity-queries.ts';
export { connectivityView } from './connectivity/connectivity-view.ts';
export type { DailyFigureQueries } from './daily-figures/daily-figures-queries.ts';
export { dailyFigureQueries } from './daily-figures/daily-figures-queries.ts';
export type { LogCounterTotal, LogMetricQueries } from './log-metrics/log-metrics-queries.ts';
export { logMetricQueries } from './log-metrics/log-metrics-queries.ts';
export { logMetricsView } from './log-metrics/log-metrics-view.ts';
export type { OfflineAuditAtLogEnd } from './offline-periods/offline-audit-tail.ts';
export { offlineAuditAtLogEnd } from './offline-periods/offline-audit-tail.ts';
export type {
  OfflinePeriodFilter,
  OfflinePeriodPage,
  OfflinePeriodQueries,
  OfflineTotal,
} from './offline-periods/offline-periods-queries.ts';
export { offlinePeriodsView } from './offline-periods/offline-periods-view.ts';
export type { OrderFilter, OrderPage, OrderQueries } from './orders/orders-queries.ts';
export { orderQueries } from './orders/orders-queries.ts';
export type { OrdersViewOptions } from './orders/orders-view.ts';
export { ordersView } from './orders/orders-view.ts';
export type { Guest, PersonalDataSealer } from './orders/personal-data-sealer.ts';
export { plainPersonalData } from './orders/personal-data-sealer.ts';
export type { PostgresSchemaViews } from './postgres/postgres-view-connection.ts';
export { postgresSchemaViews, postgresViewConnection } from './postgres/postgres-view-connection.ts';
export type { PrintJobFilter, PrintJobQueries } from './print-jobs/print-jobs-queries.ts';
export { printJobQueries } from './print-jobs/print-jobs-queries.ts';
export { printJobsView } from './print-jobs/print-jobs-view.ts';
export type { RebuildOptions } from './rebuild-views.ts';
export { rebuildViews } from './rebuild-views.ts';
export { runOnRows } from './run-on-rows.ts';
export { sqliteAsyncViewConnection } from './sqlite-async-view-connection.ts';
export type { TableView } from './table-view.ts';
export { toDomainEvent } from './to-domain-event.ts';
export type { ViewCheckpoint } from './view-checkpoints.ts';
export { checkpointStatements } from './view-checkpoints.ts';
export type { PreparedStatement, ViewConnection } from './view-connection.ts';
export { sqliteViewConnection } from './view-connection.ts';
export type { ViewProgress, ViewProjector, ViewProjectorOptions } from './view-projector.ts';
export { startViewProjector } from './view-projector.ts';
