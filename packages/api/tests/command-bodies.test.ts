import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApi } from '../src/index.ts';
import { fakePorts, type PortCalls } from './routes-fake-ports.ts';

const counter = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  lineItems: [{ name: 'Pizza Diavola', quantity: 2, unitPrice: 1150 }],
};

function apiWith(calls: PortCalls) {
  return createApi(fakePorts(calls), {
    token: undefined,
    remoteAddress: () => '127.0.0.1',
    bodyLimitBytes: 1_024,
    version: 'test',
  });
}

async function post(path: string, body: unknown, calls: PortCalls = {}) {
  const response = await apiWith(calls).request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function problemsOf(order: unknown): Promise<string[]> {
  const calls: PortCalls = {};
  const answer = await post('/orders', order, calls);
  assert.is(answer.status, 422);
  assert.is(answer.body.error, 'invalid-order');
  assert.is(calls.lastBody, undefined, 'the port never sees an order that does not validate');
  return answer.body.problems as string[];
}

test('given a local order with bad fields, then 422 invalid-order names each field at fault', async () => {
  const problems = await problemsOf({
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
  assert.ok(
    (await problemsOf({ ...counter, lineItems: [] })).some((problem) => problem.startsWith('lineItems: ')),
  );
  assert.ok((await problemsOf(JSON.stringify('an order'))).some((problem) => problem.startsWith('(body): ')));
  assert.ok((await problemsOf({ ...counter, tip: 100 })).some((problem) => problem.includes('tip')));
  const delivery = await problemsOf({ ...counter, fulfilment: { kind: 'delivery' } });
  assert.ok(delivery.some((problem) => problem.startsWith('fulfilment.address: a delivery needs')));
});

test('given a discount larger than what the guest pays, then it is refused: a ticket never shows a negative total', async () => {
  const problems = await problemsOf({ ...counter, shipping: 100, discount: 2500 });
  assert.ok(
    problems.some((problem) => problem.startsWith('discount: ')),
    problems.join('; '),
  );
  assert.is(
    (await post('/orders', { ...counter, shipping: 100, discount: 2400 })).status,
    201,
    'a free order is fine',
  );
});

test('given a delivery for a time slot, then the port gets it as typed in with the defaults filled in', async () => {
  const calls: PortCalls = {};
  const slot = { kind: 'slot', from: '2026-11-27T20:00:00+01:00', to: '2026-11-27T20:30:00+01:00' };
  const answer = await post(
    '/orders',
    {
      ...counter,
      note: 'ring twice',
      fulfilment: { kind: 'delivery', wanted: slot, address: { line: 'Hauptstraße 1', city: 'Berlin' } },
    },
    calls,
  );
  assert.is(answer.status, 201);
  assert.equal(calls.lastBody, {
    ...counter,
    note: 'ring twice',
    paymentStatus: 'NOT_PAID',
    fulfilment: { kind: 'delivery', wanted: slot, address: { line: 'Hauptstraße 1', city: 'Berlin' } },
    customer: {},
    lineItems: [{ name: 'Pizza Diavola', quantity: 2, unitPrice: 1150, options: [] }],
    shipping: 0,
    discount: 0,
    tax: 0,
  });
});

test('given a reprint naming no ticket, an unknown kind or another key, then 400 bad-request naming it; the port is not asked', async () => {
  for (const [body, key] of [
    [{ tickets: [] }, 'tickets'],
    [{ tickets: ['menu'] }, 'tickets.0'],
    [{ tickets: ['kitchen'], copies: 2 }, 'copies'],
    [[1, 2], ''],
  ] as const) {
    const calls: PortCalls = {};
    const answer = await post('/orders/o-1/reprint', body, calls);
    assert.is(answer.status, 400, JSON.stringify(body));
    assert.is(answer.body.error, 'bad-request');
    if (key) assert.match(String(answer.body.message), new RegExp(`^${key.replace('.', '\\.')}: `));
    assert.is(calls.lastBody, undefined);
  }
});

test('given bodies that are not JSON, whatever their content type, then 400 bad-json', async () => {
  for (const contentType of ['application/json', 'text/plain', undefined]) {
    const calls: PortCalls = {};
    const response = await apiWith(calls).request('/orders', {
      method: 'POST',
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
      body: '{"currency":',
    });
    assert.is(response.status, 400, String(contentType));
    assert.equal(await response.json(), { error: 'bad-json', message: 'the body must be JSON' });
    assert.is(calls.lastBody, undefined);
  }
});

test.run();
