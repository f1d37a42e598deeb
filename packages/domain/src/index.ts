export type { AuditMetricsOptions, OfflineDayMetrics } from './audit/audit-metrics.ts';
export { auditMetrics } from './audit/audit-metrics.ts';
export { evolveOfflineAudit, offlineJobOf } from './audit/evolve-offline-audit.ts';
export type {
  OfflineAudit,
  OfflineComponent,
  OfflinePeriod,
  OfflinePeriodRecord,
} from './audit/offline-period.ts';
export { emptyOfflineAudit, toOfflinePeriod } from './audit/offline-period.ts';
export type { OfflinePeriodQuery } from './audit/offline-periods.ts';
export { overlapsQuery } from './audit/offline-periods.ts';
export { connectivityMode, connectivityWarnings } from './connectivity/connectivity-mode.ts';
export type { ConnectivityView } from './connectivity/connectivity-view.ts';
export { initialConnectivity, reduceConnectivity } from './connectivity/connectivity-view.ts';
export type { InternetConnectivity } from './connectivity/internet-connectivity.ts';
export { evolveInternet, initialInternet } from './connectivity/internet-connectivity.ts';
export type { PrinterConnectivity, PrinterRecord } from './connectivity/printer-connectivity.ts';
export {
  connectivityPrinterOf,
  evolvePrinter,
  printerConnectivity,
} from './connectivity/printer-connectivity.ts';
export type { AnyDomainEvent, DomainEvent, EventDataByType, EventToAppend, EventType } from './events.ts';
export { eventToAppend, streams } from './events.ts';
export type {
  Address,
  Customer,
  Fulfilment,
  FulfilmentKind,
  ItemOption,
  LineItem,
  MinorUnits,
  Order,
  OrderSource,
  OrderTotals,
  WantedTime,
} from './order.ts';
export type { BusinessDayConfig } from './orders/business-day.ts';
export { businessDayOf, businessDayStartsAt } from './orders/business-day.ts';
export type { OrderListQuery, OrderPage } from './orders/order-queries.ts';
export { listOrders, orderById } from './orders/order-queries.ts';
export type { OrdersView, OrderTicket, OrderView, TicketState } from './orders/orders-view.ts';
export { initialOrders, ordersViewVersion } from './orders/orders-view.ts';
export type { OrdersReducer } from './orders/reduce-orders.ts';
export { createOrdersReducer, reduceOrders } from './orders/reduce-orders.ts';
export { PersistentMap } from './persistent-map.ts';
export * from './priority/index.ts';
export * from './queue/index.ts';
export * from './saga/index.ts';
export type {
  BreakerState,
  ConnectivityMode,
  InternetStatus,
  PrintConfirmation,
  PrinterStatus,
  PrintFailure,
} from './status.ts';
export { printableStatuses } from './status.ts';
export type { Priority, TicketKind } from './ticket.ts';
export { orderTicketKinds, priorityRank, ticketRank } from './ticket.ts';
export type { UnreadableOrder, UnreadableOrders } from './unreadable/unreadable-orders.ts';
export {
  initialUnreadableOrders,
  openUnreadableOrders,
  reduceUnreadableOrders,
  unreadableOrderEventTypes,
  unreadableOrdersNeedingAttention,
} from './unreadable/unreadable-orders.ts';
