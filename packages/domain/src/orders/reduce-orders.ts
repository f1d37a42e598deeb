import type { AnyDomainEvent, DomainEvent } from '../events.ts';
import type { Order } from '../order.ts';
import { type BusinessDayConfig, businessDayOf, checkBusinessDayConfig } from './business-day.ts';
import { appendToList, deleteKeyed, getKeyed, setKeyed } from './keyed-buckets.ts';
import { advanceTicket, isJobEvent, isSettled } from './order-tickets.ts';
import type { OrdersView, OrderView } from './orders-view.ts';

export type OrdersReducer = (state: OrdersView, event: AnyDomainEvent) => OrdersView;

/** Calendar days at midnight UTC: only for callers that have no restaurant config (tests, tools). */
export const utcMidnight: BusinessDayConfig = { dayStartsAt: '00:00', timeZone: 'UTC' };

function receive(
  state: OrdersView,
  event: DomainEvent<'OrderReceived'>,
  config: BusinessDayConfig,
): OrdersView {
  const { order } = event.data;
  if (getKeyed(state.orders, order.id)) return state;
  const businessDay = businessDayOf(event.recordedAt, config);
  const ticketNumber = (getKeyed(state.lastTicketNumbers, businessDay) ?? 0) + 1;
  const view: OrderView = {
    orderId: order.id,
    number: order.number,
    source: order.source,
    status: order.status,
    paymentStatus: order.paymentStatus,
    ticketNumber,
    businessDay,
    sequence: state.received.size,
    receivedAt: event.recordedAt,
    updatedAt: event.recordedAt,
    canceled: false,
    order,
    tickets: {},
  };
  return {
    ...state,
    orders: setKeyed(state.orders, order.id, view),
    received: appendToList(state.received, order.id),
    lastTicketNumbers: setKeyed(state.lastTicketNumbers, businessDay, ticketNumber),
  };
}

function withOrder(view: OrderView, order: Order, at: string): OrderView {
  return {
    ...view,
    number: order.number ?? view.number,
    status: view.canceled ? view.status : order.status,
    paymentStatus: order.paymentStatus ?? view.paymentStatus,
    order,
    updatedAt: at,
  };
}

const erased = '[erased]';

function erase<T extends object>(value: T | undefined): T | undefined {
  if (!value) return value;
  return Object.fromEntries(Object.keys(value).map((key) => [key, erased])) as T;
}

/** A forgotten guest: every personal field shows `[erased]`; the food and money stay for the books. */
function forget(view: OrderView, at: string): OrderView {
  const { order } = view;
  const address = erase(order.fulfilment.address);
  return {
    ...view,
    updatedAt: at,
    order: {
      ...order,
      customer: erase(order.customer) ?? {},
      fulfilment: {
        ...order.fulfilment,
        ...(address ? { address } : {}),
        ...(order.fulfilment.instructions ? { instructions: erased } : {}),
      },
      ...(order.note ? { note: erased } : {}),
    },
  };
}

function change(state: OrdersView, orderId: string, update: (view: OrderView) => OrderView): OrdersView {
  const view = getKeyed(state.orders, orderId);
  return view ? { ...state, orders: setKeyed(state.orders, orderId, update(view)) } : state;
}

function queueTicket(state: OrdersView, event: DomainEvent<'PrintJobQueued'>): OrdersView {
  const { jobId, orderId, ticket, printer, priority, reprint } = event.data;
  const known = getKeyed(state.orders, orderId);
  if (!known || known.tickets[jobId]) return state;
  const next = change(state, orderId, (view) => ({
    ...view,
    updatedAt: event.recordedAt,
    tickets: {
      ...view.tickets,
      [jobId]: {
        jobId,
        ticket,
        printer,
        priority,
        state: 'queued',
        attempts: 0,
        reprint,
        possibleDuplicate: false,
      },
    },
  }));
  return { ...next, liveJobs: setKeyed(next.liveJobs, jobId, orderId) };
}

function followJob(state: OrdersView, event: AnyDomainEvent): OrdersView {
  if (!isJobEvent(event)) return state;
  const { jobId } = event.data;
  const orderId = getKeyed(state.liveJobs, jobId);
  const ticket = orderId ? getKeyed(state.orders, orderId)?.tickets[jobId] : undefined;
  if (!orderId || !ticket) return state;
  const advanced = advanceTicket(ticket, event);
  const next = change(state, orderId, (view) => ({
    ...view,
    updatedAt: event.recordedAt,
    tickets: { ...view.tickets, [jobId]: advanced },
  }));
  return isSettled(advanced) ? { ...next, liveJobs: deleteKeyed(next.liveJobs, jobId) } : next;
}

/**
 * Builds the orders projection for one restaurant's business day. The config is bound here rather
 * than read inside, so the reducer stays pure and a replay numbers every ticket exactly as before.
 */
export function createOrdersReducer(config: BusinessDayConfig): OrdersReducer {
  checkBusinessDayConfig(config);
  return (state, event) => {
    switch (event.type) {
      case 'OrderReceived':
        return receive(state, event, config);
      case 'OrderApproved':
      case 'OrderUpdated':
        return change(state, event.data.orderId, (view) =>
          withOrder(view, event.data.order, event.recordedAt),
        );
      case 'OrderCanceled':
        return change(state, event.data.orderId, (view) => ({
          ...view,
          status: 'CANCELED',
          canceled: true,
          cancelReason: event.data.reason,
          updatedAt: event.recordedAt,
        }));
      case 'OrderPaymentStatusChanged':
        return change(state, event.data.orderId, (view) => ({
          ...view,
          paymentStatus: event.data.paymentStatus,
          updatedAt: event.recordedAt,
        }));
      case 'PrintJobQueued':
        return queueTicket(state, event);
      case 'CustomerForgotten':
        return event.data.orderIds.reduce(
          (next, orderId) => change(next, orderId, (view) => forget(view, event.recordedAt)),
          state,
        );
      default:
        return followJob(state, event);
    }
  };
}

/**
 * The orders projection with business days at UTC midnight, for tools and tests without a
 * restaurant config; the service builds its own with `createOrdersReducer(config)`.
 */
export const reduceOrders: OrdersReducer = createOrdersReducer(utcMidnight);
