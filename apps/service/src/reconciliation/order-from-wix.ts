import { type EventToAppend, eventToAppend, type Order, streams } from '@bonrelay/domain';

/**
 * An order fetched from the Wix API, as the log receives it. The event id is the one every path
 * gives a first sight (`order-received:<id>`), so an order that arrives by webhook, by
 * reconciliation and by a fetch after an unreadable delivery is still one order, printed once.
 */
export function orderFromWix(order: Order): EventToAppend<'OrderReceived'> {
  return eventToAppend('OrderReceived', streams.order(order.id), `order-received:${order.id}`, { order });
}
