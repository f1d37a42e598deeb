import { randomUUID } from 'node:crypto';
import type { LocalOrder } from '@bonrelay/api';
import type { Order } from '@bonrelay/domain';

/**
 * Makes an order typed in on the restaurant's tablet (while Wix is unreachable; the route has
 * validated it) a domain order with source `local`. Its id `local-<uuid>` can never collide with a
 * Wix order id, and it is approved at once: the guest is standing at the counter.
 */
export function localOrderFrom(value: LocalOrder, now: Date, newId: () => string = randomUUID): Order {
  const lineItems = value.lineItems.map((item) => ({
    name: item.name,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    linePrice: item.unitPrice * item.quantity,
    options: item.options,
  }));
  const subtotal = lineItems.reduce((sum, item) => sum + item.linePrice, 0);
  return {
    id: `local-${newId()}`,
    source: 'local',
    status: 'APPROVED',
    paymentStatus: value.paymentStatus,
    createdAt: now.toISOString(),
    currency: value.currency,
    fulfilment: value.fulfilment,
    customer: value.customer,
    lineItems,
    ...(value.note ? { note: value.note } : {}),
    totals: {
      subtotal,
      shipping: value.shipping,
      tax: value.tax,
      discount: value.discount,
      total: subtotal + value.shipping - value.discount,
    },
  };
}
