import type { Order } from '@bonrelay/domain';
import { makeWixOrder, type WixOrderFixtureName, wixOrderFixtures } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normaliseOrder } from '../src/index.ts';

function normalised(raw: unknown, source: 'wix' | 'reconciliation' = 'wix'): Order {
  const result = normaliseOrder(raw, source);
  if (!result.ok) throw new Error(`expected an order, got problem: ${result.problem}`);
  return result.order;
}

const expectedTotals: Record<
  WixOrderFixtureName,
  [subtotal: number, shipping: number, tax: number, discount: number, total: number]
> = {
  pickup: [1900, 0, 124, 0, 1900],
  delivery: [1600, 250, 144, 0, 1850],
  withOptions: [1290, 0, 84, 0, 1290],
  allergyNote: [1350, 0, 88, 0, 1350],
  cancelled: [1900, 0, 124, 0, 1900],
  unpaidCashOnDelivery: [2400, 300, 157, 0, 2700],
  nonAscii: [3700, 0, 242, 0, 3700],
  bigOrder: [14570, 0, 1560, 1457, 13113],
};

for (const name of Object.keys(wixOrderFixtures) as WixOrderFixtureName[]) {
  test(`fixture ${name}: totals are exact cents and every dish is kept`, () => {
    const raw = wixOrderFixtures[name];
    const order = normalised(raw);
    const [subtotal, shipping, tax, discount, total] = expectedTotals[name];
    assert.equal(order.totals, { subtotal, shipping, tax, discount, total });
    assert.is(order.id, raw.id);
    assert.is(order.number, raw.number);
    assert.is(order.status, raw.status);
    assert.is(order.currency, 'EUR');
    assert.equal(
      order.lineItems.map((item) => [item.name, item.quantity]),
      raw.lineItems.map((item) => [item.productName.original, item.quantity]),
    );
    assert.is(
      JSON.stringify(order),
      JSON.stringify(JSON.parse(JSON.stringify(order))),
      'no undefined fields',
    );
  });
}

test('a pickup order reads as the shop would print it', () => {
  assert.equal(normalised(wixOrderFixtures.pickup), {
    id: '0b6d3c2e-1f5a-4c1e-9a7b-000000000001',
    number: '10001',
    source: 'wix',
    status: 'APPROVED',
    paymentStatus: 'PAID',
    createdAt: '2025-03-14T17:05:12.000Z',
    currency: 'EUR',
    fulfilment: {
      kind: 'pickup',
      wanted: { kind: 'at', at: '2025-03-14T17:30:00.000Z' },
      address: { line: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      title: 'Abholung',
    },
    customer: {
      firstName: 'Anna',
      lastName: 'Gast',
      phone: '+49 30 1234567',
      email: 'guest10001@example.com',
    },
    lineItems: [{ name: 'Margherita', quantity: 2, unitPrice: 950, linePrice: 1900, options: [] }],
    totals: { subtotal: 1900, shipping: 0, tax: 124, discount: 0, total: 1900 },
  });
});

test('a cash-on-delivery order keeps its slot, address, instructions and NOT_PAID', () => {
  const order = normalised(wixOrderFixtures.unpaidCashOnDelivery);
  assert.is(order.paymentStatus, 'NOT_PAID');
  assert.equal(order.fulfilment, {
    kind: 'delivery',
    wanted: { kind: 'slot', from: '2025-03-14T18:00:00.000Z', to: '2025-03-14T18:30:00.000Z' },
    address: { line: 'Kastanienallee 7', city: 'Berlin', postalCode: '10435', country: 'DE' },
    title: 'Lieferung Zone 1',
  });
  assert.equal(normalised(wixOrderFixtures.delivery).fulfilment.instructions, '3. Stock, bitte klingeln');
  assert.equal(normalised(wixOrderFixtures.delivery).fulfilment.wanted, { kind: 'asap' });
});

test('options come from description lines, text or colour', () => {
  assert.equal(normalised(wixOrderFixtures.withOptions).lineItems[0]?.options, [
    { name: 'Garstufe', value: 'medium' },
    { name: 'Extras', value: 'Bacon, Cheddar' },
    { name: 'Ohne', value: 'Zwiebeln' },
  ]);
});

test('non-ASCII names and notes arrive untouched; the allergy note is the order note', () => {
  const order = normalised(wixOrderFixtures.nonAscii);
  assert.equal(
    order.lineItems.map((item) => item.name),
    ['Käsespätzle', 'Phở bò', '寿司'],
  );
  assert.is(order.customer.lastName, 'Nguyễn');
  assert.is(order.note, 'Bitte ohne Koriander — không rau mùi');
  assert.is(normalised(wixOrderFixtures.allergyNote).note, 'Nussallergie! / nut allergy');
});

test('unknown statuses are kept as Wix wrote them', () => {
  const order = normalised(makeWixOrder({ status: 'ON_THE_MOON', paymentStatus: 'PAID_IN_CHEESE' }));
  assert.is(order.status, 'ON_THE_MOON');
  assert.is(order.paymentStatus, 'PAID_IN_CHEESE');
});

test('missing optional fields stay absent, never undefined or invented', () => {
  const { buyerNote, paymentStatus, shippingInfo, billingInfo, buyerInfo, ...bare } = makeWixOrder();
  const order = normalised({ ...bare, number: null, buyerNote: '' }, 'reconciliation');
  assert.is(order.source, 'reconciliation');
  for (const key of ['number', 'paymentStatus', 'note']) assert.not.ok(key in order, key);
  assert.equal(order.customer, {});
  assert.equal(order.fulfilment, { kind: 'unknown', wanted: { kind: 'asap' } });
});

test('a total under totalPrice (older payloads) is read; a missing one is a problem, not zero', () => {
  const raw = makeWixOrder({ priceSummary: { totalPrice: { amount: '7.5' } } });
  assert.equal(normalised(raw).totals, { subtotal: 1900, shipping: 0, tax: 0, discount: 0, total: 750 });
  const result = normaliseOrder(makeWixOrder({ priceSummary: {} }), 'wix');
  assert.equal(result, { ok: false, problem: 'priceSummary.total: missing' });
});

test('a price that is not an exact amount is a problem naming where it is', () => {
  const raw = makeWixOrder();
  const bad = { ...raw, lineItems: [{ ...raw.lineItems[0], price: { amount: '9.999' } }] };
  const result = normaliseOrder(bad, 'wix');
  assert.is(result.ok, false);
  if (!result.ok) assert.match(result.problem, /lineItems\[0\]\.price/);
});

test('a shape that is not an order is a problem, not an exception', () => {
  for (const raw of [undefined, null, 'order', 42, {}, { ...makeWixOrder(), lineItems: 'many' }]) {
    const result = normaliseOrder(raw, 'wix');
    assert.is(result.ok, false);
  }
  const result = normaliseOrder({ ...makeWixOrder(), id: undefined }, 'wix');
  assert.is(result.ok, false);
  if (!result.ok) assert.match(result.problem, /^id:/);
});

test('street-number addresses, free-text times and delivery contacts are not lost', () => {
  const raw = makeWixOrder({
    billingInfo: { contactDetails: { firstName: 'Mia' } },
    shippingInfo: {
      logistics: {
        deliveryTime: 'in 30–45 Minuten',
        shippingDestination: {
          address: { country: 'DE', city: 'Berlin' },
          contactDetails: { firstName: 'Max', lastName: 'Empfänger', phone: '+49 170 1' },
        },
      },
    },
  });
  const withStreet = {
    ...raw,
    shippingInfo: {
      logistics: {
        ...raw.shippingInfo!.logistics,
        shippingDestination: {
          ...raw.shippingInfo!.logistics!.shippingDestination,
          address: {
            streetAddress: { name: 'Torstraße', number: '42' },
            addressLine2: 'Hinterhaus',
            city: 'Berlin',
          },
        },
      },
    },
  };
  const order = normalised(withStreet);
  assert.equal(order.customer, {
    firstName: 'Mia',
    lastName: 'Empfänger',
    phone: '+49 170 1',
    email: raw.buyerInfo!.email,
  });
  assert.equal(order.fulfilment, {
    kind: 'delivery',
    wanted: { kind: 'asap' },
    address: { line: 'Torstraße 42, Hinterhaus', city: 'Berlin' },
    instructions: 'Time: in 30–45 Minuten',
  });
});

test('a line without a total after tax is priced as quantity × unit price; options without a name keep their text', () => {
  const raw = makeWixOrder();
  const item = {
    productName: { translated: 'Suppe' },
    quantity: 3,
    price: { amount: '4.10' },
    descriptionLines: [{ plainText: { original: 'scharf' } }, { lineType: 'UNRECOGNISED' }],
  };
  const order = normalised({ ...raw, lineItems: [item] });
  assert.equal(order.lineItems, [
    { name: 'Suppe', quantity: 3, unitPrice: 410, linePrice: 1230, options: [{ name: 'scharf' }] },
  ]);
});

test.run();
