export type { AuditMetricsOptions, OfflineDayMetrics } from './audit/audit-metrics.ts';
export { auditMetrics } from './audit/audit-metrics.ts';
export { evolveOfflineAudit, offlineJobOf } from './audit/evolve-offline-audit.ts';
export type {
  OfflineAudit,
  OfflineComponent,
  OfflineFallback,
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
export type {
  AnyDomainEvent,
  DomainEvent,
  EventDataByType,
  EventToAppend,
  EventType,
  PublicPathStatus,
} from './events.ts';
export { eventToAppend, streams } from './events.ts';
export * from './metrics/index.ts';
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
export { businessDayOf, businessDayStartsAt, checkBusinessDayConfig } from './orders/business-day.ts';
export type { BusinessDayCounter } from './orders/business-day-counter.ts';
export { evolveBusinessDay, receiptDayOf } from './orders/business-day-counter.ts';
export { evolveOrder, orderIdsOf } from './orders/evolve-order.ts';
export type { OrderView } from './orders/order-view.ts';
export type { PersonalValues } from './orders/personal-data.ts';
export {
  erased,
  erasedAt,
  erasedValues,
  personalValues,
  withoutPersonal,
  withPersonal,
} from './orders/personal-data.ts';
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
