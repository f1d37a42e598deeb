import type { Address, Customer, FulfilmentKind, Order } from '@bonrelay/domain';
import type { TicketTexts } from './layout.ts';

/** Pickup / Delivery / Dine-in in the restaurant's words. */
export function fulfilmentLabel(kind: FulfilmentKind, texts: TicketTexts): string {
  switch (kind) {
    case 'pickup':
      return texts.pickup;
    case 'delivery':
      return texts.delivery;
    case 'dine-in':
      return texts.dineIn;
    default:
      return texts.unknownFulfilment;
  }
}

/** The guest's name as the pass calls it out; empty when Wix sent none. */
export function guestName(customer: Customer): string {
  return [customer.firstName, customer.lastName].filter((part) => part && part.trim() !== '').join(' ');
}

/** Street on one line, postal code and city on the next, as a driver reads a door. */
export function addressLines(address: Address | undefined): string[] {
  if (!address) return [];
  const town = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.line, town, address.country].filter((part): part is string => !!part && part.trim() !== '');
}

/** The whole address on one line, for the maps link. */
export function addressOneLine(address: Address | undefined): string {
  return addressLines(address).join(', ');
}

/** How many things are in the bag, so the driver can check before leaving. */
export function itemCount(order: Order): number {
  return order.lineItems.reduce((sum, item) => sum + item.quantity, 0);
}

// Refunded orders were paid once: the driver must not ask for money again.
const settled = new Set(['PAID', 'PARTIALLY_REFUNDED', 'FULLY_REFUNDED']);

/** Whether the driver has to take money at the door. */
export function hasToCollect(order: Order): boolean {
  return !settled.has(order.paymentStatus ?? 'NOT_PAID');
}

/**
 * The payment status in the restaurant's words: an unpaid delivery reads "cash on delivery", so
 * nobody lets the driver leave without knowing; statuses we have no word for print as Wix names them.
 */
export function paymentLabel(order: Pick<Order, 'paymentStatus' | 'fulfilment'>, texts: TicketTexts): string {
  const status = order.paymentStatus;
  switch (status) {
    case undefined:
    case 'NOT_PAID':
      return order.fulfilment.kind === 'delivery' ? texts.cashOnDelivery : texts.notPaid;
    case 'PAID':
      return texts.paid;
    case 'PARTIALLY_PAID':
      return texts.partiallyPaid;
    case 'FULLY_REFUNDED':
      return texts.refunded;
    case 'PARTIALLY_REFUNDED':
      return texts.partiallyRefunded;
    case 'PENDING':
      return texts.pending;
    default:
      return status.replaceAll('_', ' ');
  }
}

/** The fulfilment in capitals for the kitchen's large type: `ABHOLUNG`, `PICKUP`. */
export function fulfilmentHeading(kind: FulfilmentKind, texts: TicketTexts, locale: string): string {
  return fulfilmentLabel(kind, texts).toLocaleUpperCase(locale);
}
