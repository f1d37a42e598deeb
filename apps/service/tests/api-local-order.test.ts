import { type LocalOrder, localOrderSchema } from '@bonrelay/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { localOrderFrom } from '../src/orders/local-order.ts';

const now = new Date('2026-11-27T19:40:00.000Z');

/** A counter order as the route hands it on: validated, defaults filled in. */
function typedIn(input: unknown): LocalOrder {
  return localOrderSchema.parse(input);
}

const counter = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  lineItems: [{ name: 'Pizza Diavola', quantity: 2, unitPrice: 1150 }],
};

test('given a counter order, then it is an approved local order with totals in minor units and defaults filled in', () => {
  const order = localOrderFrom(
    typedIn({ ...counter, shipping: 300, discount: 200, tax: 150 }),
    now,
    () => 'abc',
  );
  assert.is(order.id, 'local-abc');
  assert.is(order.source, 'local');
  assert.is(order.status, 'APPROVED');
  assert.is(order.paymentStatus, 'NOT_PAID');
  assert.is(order.createdAt, now.toISOString());
  assert.equal(order.fulfilment.wanted, { kind: 'asap' });
  assert.equal(order.lineItems[0]?.linePrice, 2300);
  assert.equal(order.totals, { subtotal: 2300, shipping: 300, tax: 150, discount: 200, total: 2400 });
});

test('given a delivery for a time slot with an address, then it is kept as given', () => {
  const order = localOrderFrom(
    typedIn({
      ...counter,
      note: 'ring twice',
      fulfilment: {
        kind: 'delivery',
        wanted: { kind: 'slot', from: '2026-11-27T20:00:00+01:00', to: '2026-11-27T20:30:00+01:00' },
        address: { line: 'Hauptstraße 1', city: 'Berlin' },
      },
    }),
    now,
  );
  assert.match(order.id, /^local-[0-9a-f-]{36}$/);
  assert.is(order.note, 'ring twice');
  assert.is(order.fulfilment.kind, 'delivery');
  assert.equal(order.fulfilment.address, { line: 'Hauptstraße 1', city: 'Berlin' });
});

test('given a free order (the discount is all of it), then the total is zero, never negative', () => {
  const order = localOrderFrom(typedIn({ ...counter, shipping: 100, discount: 2400 }), now);
  assert.is(order.totals.total, 0);
});

test.run();
