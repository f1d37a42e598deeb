import type { AnyDomainEvent, DomainEvent } from '../events.ts';
import type { Order } from '../order.ts';
import type { BusinessDayConfig } from './business-day.ts';
import { type BusinessDayCounter, evolveBusinessDay } from './business-day-counter.ts';
import type { OrderView } from './order-view.ts';
import { erasedAt, personalValues } from './personal-data.ts';

/** The orders an event is about (a forgotten guest may have several; job events name none). */
export function orderIdsOf(event: AnyDomainEvent): readonly string[] {
  switch (event.type) {
    case 'OrderReceived':
      return [event.data.order.id];
    case 'OrderApproved':
    case 'OrderUpdated':
    case 'OrderCanceled':
    case 'OrderPaymentStatusChanged':
      return [event.data.orderId];
    case 'CustomerForgotten':
      return event.data.orderIds;
    default:
      return [];
  }
}

function received(
  event: DomainEvent<'OrderReceived'>,
  config: BusinessDayConfig,
  counter: BusinessDayCounter | undefined,
): OrderView {
  const { order, customerId } = event.data;
  const numbered = evolveBusinessDay(counter, event, config) as BusinessDayCounter;
  return {
    orderId: order.id,
    ...(order.number === undefined ? {} : { number: order.number }),
    source: order.source,
    status: order.status,
    ...(order.paymentStatus === undefined ? {} : { paymentStatus: order.paymentStatus }),
    ticketNumber: numbered.lastTicketNumber,
    businessDay: numbered.businessDay,
    sequence: event.position,
    receivedAt: event.recordedAt,
    updatedAt: event.recordedAt,
    canceled: false,
    ...(customerId === undefined ? {} : { customerId }),
    order,
  };
}

function withOrder(view: OrderView, order: Order, customerId: string | undefined, at: string): OrderView {
  const number = order.number ?? view.number;
  const paymentStatus = order.paymentStatus ?? view.paymentStatus;
  return {
    ...view,
    ...(number === undefined ? {} : { number }),
    status: view.canceled ? view.status : order.status,
    ...(paymentStatus === undefined ? {} : { paymentStatus }),
    ...(customerId === undefined ? {} : { customerId }),
    order,
    updatedAt: at,
  };
}

/** A forgotten guest: every personal field shows `[erased]`; the food and money stay for the books. */
function forgotten(view: OrderView, at: string): OrderView {
  return {
    ...view,
    updatedAt: at,
    order: erasedAt(view.order, Object.keys(personalValues(view.order))),
  };
}

/**
 * The one life of an order row: received (numbered within its business day), approved, updated,
 * paid, cancelled, its guest forgotten. Pure, so a replay rebuilds every row exactly. `counter` is
 * the receipt day's ticket counter before this event (only a receipt reads it). The same object
 * comes back when the event changes nothing; an order never received stays undefined.
 */
export function evolveOrder(
  view: OrderView | undefined,
  event: AnyDomainEvent,
  config: BusinessDayConfig,
  counter?: BusinessDayCounter,
): OrderView | undefined {
  if (event.type === 'OrderReceived') {
    return view ?? received(event, config, counter);
  }
  if (view === undefined || !orderIdsOf(event).includes(view.orderId)) return view;
  switch (event.type) {
    case 'OrderApproved':
    case 'OrderUpdated':
      return withOrder(view, event.data.order, event.data.customerId, event.recordedAt);
    case 'OrderCanceled':
      return {
        ...view,
        status: 'CANCELED',
        canceled: true,
        ...(event.data.reason === undefined ? {} : { cancelReason: event.data.reason }),
        updatedAt: event.recordedAt,
      };
    case 'OrderPaymentStatusChanged':
      return { ...view, paymentStatus: event.data.paymentStatus, updatedAt: event.recordedAt };
    case 'CustomerForgotten':
      return forgotten(view, event.recordedAt);
    default:
      return view;
  }
}
