import { randomUUID } from 'node:crypto';
import type { WixDescriptionLine, WixLineItem, WixMoney, WixOrder } from './wix-order.ts';
import { wixRestaurantsAppId } from './wix-order.ts';

/** Money the way Wix writes it: a decimal string plus a display string. */
export function wixMoney(amount: string, currency = 'EUR'): WixMoney {
  return { amount, formattedAmount: `${amount} ${currency}` };
}

/** An option line as Wix Restaurants writes modifiers ("Größe: groß"). */
export function optionLine(name: string, value: string): WixDescriptionLine {
  return {
    name: { original: name, translated: name },
    plainText: { original: value },
    lineType: 'PLAIN_TEXT',
  };
}

/** A dish on the order, priced in decimal strings like Wix. */
export function wixLineItem(
  name: string,
  quantity: number,
  unitPrice: string,
  linePrice: string,
  descriptionLines: readonly WixDescriptionLine[] = [],
): WixLineItem {
  return {
    id: randomUUID(),
    productName: { original: name, translated: name },
    catalogReference: { catalogItemId: randomUUID(), appId: wixRestaurantsAppId },
    quantity,
    price: wixMoney(unitPrice),
    totalPriceAfterTax: wixMoney(linePrice),
    descriptionLines,
  };
}

let nextNumber = 20001;

/**
 * A fresh, realistic pickup order with a unique id and number, so tests that need many distinct
 * orders (dedupe, load, reconciliation) do not have to invent them by hand.
 */
export function makeWixOrder(overrides: Partial<WixOrder> = {}): WixOrder {
  const number = overrides.number ?? String(nextNumber++);
  return {
    id: randomUUID(),
    number,
    createdDate: '2025-03-14T18:30:00.000Z',
    updatedDate: '2025-03-14T18:30:00.000Z',
    status: 'APPROVED',
    paymentStatus: 'PAID',
    currency: 'EUR',
    channelInfo: { type: 'WEB' },
    buyerInfo: { email: `guest${number}@example.com` },
    billingInfo: { contactDetails: { firstName: 'Anna', lastName: 'Gast', phone: '+49 30 1234567' } },
    shippingInfo: {
      title: 'Pickup',
      logistics: {
        pickupDetails: {
          address: { addressLine: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
          pickupMethod: 'STORE_PICKUP',
        },
      },
    },
    lineItems: [wixLineItem('Margherita', 2, '9.50', '19.00')],
    priceSummary: {
      subtotal: wixMoney('19.00'),
      shipping: wixMoney('0.00'),
      tax: wixMoney('1.24'),
      discount: wixMoney('0.00'),
      total: wixMoney('19.00'),
    },
    ...overrides,
  };
}
