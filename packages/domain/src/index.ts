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
export * from './priority/index.ts';
export * from './queue/index.ts';
export * from './saga/index.ts';
