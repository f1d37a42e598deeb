import { makeWixOrder, optionLine, wixLineItem, wixMoney } from './make-wix-order.ts';
import type { WixLogistics, WixOrder } from './wix-order.ts';

const berlinShop = { addressLine: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' };

function summary(subtotal: string, shipping: string, tax: string, discount: string, total: string) {
  return {
    subtotal: wixMoney(subtotal),
    shipping: wixMoney(shipping),
    tax: wixMoney(tax),
    discount: wixMoney(discount),
    total: wixMoney(total),
  };
}

function delivery(address: typeof berlinShop, extra: Omit<WixLogistics, 'shippingDestination'> = {}) {
  return {
    title: 'Lieferung Zone 1',
    logistics: {
      ...extra,
      shippingDestination: {
        address,
        contactDetails: { firstName: 'Jonas', lastName: 'Fahrer', phone: '+49 170 5550101' },
      },
    },
  };
}

/**
 * Raw Wix orders covering what a restaurant really gets: the shapes the normaliser, the tickets and
 * the end-to-end tests must all agree on. Ids are fixed so golden files stay stable.
 */
export const wixOrderFixtures = {
  pickup: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000001',
    number: '10001',
    createdDate: '2025-03-14T17:05:12.000Z',
    shippingInfo: {
      title: 'Abholung',
      logistics: {
        pickupDetails: { address: berlinShop, pickupMethod: 'STORE_PICKUP' },
        deliveryTime: '2025-03-14T17:30:00.000Z',
      },
    },
  }),
  delivery: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000002',
    number: '10002',
    createdDate: '2025-03-14T17:10:00.000Z',
    shippingInfo: delivery(
      { addressLine: 'Torstraße 42', city: 'Berlin', postalCode: '10119', country: 'DE' },
      { instructions: '3. Stock, bitte klingeln' },
    ),
    lineItems: [
      wixLineItem('Pizza Salami', 1, '11.00', '11.00'),
      wixLineItem('Cola 0,33 l', 2, '2.50', '5.00'),
    ],
    priceSummary: summary('16.00', '2.50', '1.44', '0.00', '18.50'),
  }),
  withOptions: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000003',
    number: '10003',
    createdDate: '2025-03-14T17:12:00.000Z',
    lineItems: [
      wixLineItem('Burger', 1, '12.90', '12.90', [
        optionLine('Garstufe', 'medium'),
        optionLine('Extras', 'Bacon, Cheddar'),
        {
          name: { original: 'Ohne' },
          colorInfo: { original: 'Zwiebeln', code: '#ffffff' },
          lineType: 'COLOR',
        },
      ]),
    ],
    priceSummary: summary('12.90', '0.00', '0.84', '0.00', '12.90'),
  }),
  allergyNote: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000004',
    number: '10004',
    createdDate: '2025-03-14T17:15:00.000Z',
    buyerNote: 'Nussallergie! / nut allergy',
    lineItems: [wixLineItem('Pad Thai', 1, '13.50', '13.50')],
    priceSummary: summary('13.50', '0.00', '0.88', '0.00', '13.50'),
  }),
  cancelled: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000005',
    number: '10005',
    createdDate: '2025-03-14T17:20:00.000Z',
    status: 'CANCELED',
    paymentStatus: 'FULLY_REFUNDED',
  }),
  unpaidCashOnDelivery: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000006',
    number: '10006',
    createdDate: '2025-03-14T17:25:00.000Z',
    paymentStatus: 'NOT_PAID',
    shippingInfo: delivery(
      { addressLine: 'Kastanienallee 7', city: 'Berlin', postalCode: '10435', country: 'DE' },
      { deliveryTimeSlot: { from: '2025-03-14T18:00:00.000Z', to: '2025-03-14T18:30:00.000Z' } },
    ),
    lineItems: [wixLineItem('Lasagne', 2, '12.00', '24.00')],
    priceSummary: summary('24.00', '3.00', '1.57', '0.00', '27.00'),
  }),
  nonAscii: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000007',
    number: '10007',
    createdDate: '2025-03-14T17:30:00.000Z',
    billingInfo: { contactDetails: { firstName: 'Zoë', lastName: 'Nguyễn', phone: '+49 30 7654321' } },
    buyerNote: 'Bitte ohne Koriander — không rau mùi',
    lineItems: [
      wixLineItem('Käsespätzle', 1, '11.90', '11.90', [optionLine('Größe', 'groß')]),
      wixLineItem('Phở bò', 1, '12.50', '12.50'),
      wixLineItem('寿司', 3, '4.20', '12.60'),
    ],
    priceSummary: summary('37.00', '0.00', '2.42', '0.00', '37.00'),
  }),
  bigOrder: makeWixOrder({
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000008',
    number: '10008',
    createdDate: '2025-03-14T17:35:00.000Z',
    shippingInfo: delivery({
      addressLine: 'Friedrichstraße 100',
      city: 'Berlin',
      postalCode: '10117',
      country: 'DE',
    }),
    lineItems: [
      wixLineItem('Familienpizza', 3, '24.90', '74.70'),
      wixLineItem('Tiramisu', 6, '5.50', '33.00'),
      wixLineItem('Wein Primitivo 0,75 l', 2, '19.00', '38.00'),
    ],
    priceSummary: summary('145.70', '0.00', '15.60', '14.57', '131.13'),
  }),
} satisfies Record<string, WixOrder>;

export type WixOrderFixtureName = keyof typeof wixOrderFixtures;
