import { type EventToAppend, eventToAppend, type Order, type OrderView, streams } from '@bonrelay/domain';
import { orderFromWix } from '../reconciliation/order-from-wix.ts';

const approved = (status: string) => status.toUpperCase() === 'APPROVED';

/**
 * What an order fetched after an unreadable delivery adds to the log. An order we never had is
 * received exactly as reconciliation receives one (so it prints once, however many ways it came);
 * one we had takes Wix's current state instead: approved, if it became so (and prints), else
 * updated. `OrderFetched` closes the unreadable order and tells a person how it ended.
 */
export function fetchedOrderEvents(
  order: Order,
  webhookId: string,
  known: OrderView | undefined,
): EventToAppend[] {
  const fetched = eventToAppend('OrderFetched', streams.order(order.id), `order-fetched:${webhookId}`, {
    orderId: order.id,
    webhookId,
    known: known !== undefined,
  });
  if (known === undefined) return [orderFromWix(order), fetched];
  const stream = streams.order(order.id);
  const data = { orderId: order.id, order };
  const change =
    approved(order.status) && !approved(known.status) && !known.canceled
      ? eventToAppend('OrderApproved', stream, `order-approved:${order.id}`, data)
      : eventToAppend('OrderUpdated', stream, `order-fetched-update:${webhookId}`, data);
  return [change, fetched];
}
