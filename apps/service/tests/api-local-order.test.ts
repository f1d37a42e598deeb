import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { localOrderFrom } from '../src/orders/local-order.ts';

const now = new Date('2026-11-27T19:40:00.000Z');
const counter = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  lineItems: [{ name: 'Pizza Diavola', quantity: 2, unitPrice: 1150 }],
};

function problemsOf(input: unknown): string[] {
  const result = localOrderFrom(input, now, () => 'id');
  assert.is(result.ok, false);
  return result.ok ? [] : result.problems;
}

test('given a counter order, then it is an approved local order with totals in minor units and defaults filled in', () => {
  const result = localOrderFrom({ ...counter, shipping: 300, discount: 200, tax: 150 }, now, () => 'abc');
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.is(result.order.id, 'local-abc');
  assert.is(result.order.source, 'local');
  assert.is(result.order.status, 'APPROVED');
  assert.is(result.order.paymentStatus, 'NOT_PAID');
  assert.is(result.order.createdAt, now.toISOString());
  assert.equal(result.order.fulfilment.wanted, { kind: 'asap' });
  assert.equal(result.order.lineItems[0]?.linePrice, 2300);
  assert.equal(result.order.totals, { subtotal: 2300, shipping: 300, tax: 150, discount: 200, total: 2400 });
});

test('given a delivery for a time slot with an address, then it is kept as given', () => {
  const result = localOrderFrom(
    {
      ...counter,
      note: 'ring twice',
      fulfilment: {
        kind: 'delivery',
        wanted: { kind: 'slot', from: '2026-11-27T20:00:00+01:00', to: '2026-11-27T20:30:00+01:00' },
        address: { line: 'Hauptstraße 1', city: 'Berlin' },
      },
    },
    now,
  );
  assert.ok(result.ok);
  if (result.ok) {
    assert.match(result.order.id, /^local-[0-9a-f-]{36}$/);
    assert.is(result.order.note, 'ring twice');
    assert.is(result.order.fulfilment.kind, 'delivery');
  }
});

test('given bad fields, then each problem names its field', () => {
  const problems = problemsOf({
    currency: 'eur',
    fulfilment: { kind: 'teleport' },
    lineItems: [{ name: ' ', quantity: 1.5, unitPrice: -1 }],
  });
  for (const field of [
    'currency',
    'fulfilment.kind',
    'lineItems.0.name',
    'lineItems.0.quantity',
    'lineItems.0.unitPrice',
  ])
    assert.ok(
      problems.some((problem) => problem.startsWith(`${field}: `)),
      `${field} in ${problems.join('; ')}`,
    );
  assert.ok(problemsOf({ ...counter, lineItems: [] }).some((problem) => problem.startsWith('lineItems: ')));
  assert.ok(problemsOf('an order').some((problem) => problem.startsWith('(body): ')));
});

test('given a discount larger than what the guest pays, then it is refused: a ticket never shows a negative total', () => {
  const problems = problemsOf({ ...counter, shipping: 100, discount: 2500 });
  assert.ok(
    problems.some((problem) => problem.startsWith('discount: ')),
    problems.join('; '),
  );
  assert.ok(localOrderFrom({ ...counter, shipping: 100, discount: 2400 }, now).ok, 'a free order is fine');
});

test.run();
