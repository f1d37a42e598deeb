import { getKeyed, listAt } from './keyed-buckets.ts';
import type { OrdersView, OrderView } from './orders-view.ts';

export interface OrderListQuery {
  readonly limit: number;
  /** Cursor from a previous page's `next`: list orders received before that one. */
  readonly before?: string;
}

export interface OrderPage {
  readonly orders: readonly OrderView[];
  /** Cursor for the next (older) page, or null at the first order ever received. */
  readonly next: string | null;
}

/** The dashboard's order list, newest first, paged by an opaque cursor that survives new arrivals. */
export function listOrders(view: OrdersView, query: OrderListQuery): OrderPage {
  const limit = Math.max(0, Math.floor(query.limit));
  const cursor = query.before === undefined ? view.received.size : Number.parseInt(query.before, 10);
  let index = Number.isFinite(cursor) ? Math.min(cursor, view.received.size) : view.received.size;
  const orders: OrderView[] = [];
  while (index > 0 && orders.length < limit) {
    index -= 1;
    const order = orderById(view, listAt(view.received, index) ?? '');
    if (order) orders.push(order);
  }
  return { orders, next: index > 0 && orders.length > 0 ? String(index) : null };
}

/** One order with its tickets, for the order page and reprint commands. */
export function orderById(view: OrdersView, orderId: string): OrderView | undefined {
  return getKeyed(view.orders, orderId);
}
