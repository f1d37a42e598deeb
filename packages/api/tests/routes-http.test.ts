import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApi } from '../src/index.ts';
import { event, fakePorts, offlinePeriod, order, type PortCalls, printedJob } from './routes-fake-ports.ts';

function apiWith(calls: PortCalls, overrides = {}, onError?: (error: unknown) => void) {
  return createApi(fakePorts(calls, overrides), {
    token: undefined,
    remoteAddress: () => '127.0.0.1',
    bodyLimitBytes: 64,
    version: 'test',
    ...(onError ? { onError } : {}),
  });
}

test('given a list route, then the answer is { <plural noun>: [...], next } with the page the port gave', async () => {
  const app = apiWith({});
  for (const [path, noun, item] of [
    ['/api/orders', 'orders', order],
    ['/api/print-jobs', 'printJobs', printedJob],
    ['/api/offline-periods', 'offlinePeriods', offlinePeriod],
    ['/api/events', 'events', event],
    ['/connectivity/events', 'events', { ...event, type: 'PrinterStatusChanged', stream: 'printer-kitchen' }],
  ] as const) {
    assert.equal(await (await app.request(path)).json(), { [noun]: [item], next: 'cursor-2' }, path);
  }
});

test('given an order id, then one order, or a JSON 404 for an unknown one', async () => {
  const calls: PortCalls = {};
  const app = apiWith(calls);
  assert.equal(await (await app.request('/api/orders/known')).json(), { ...order, history: [event] });
  const missing = await app.request('/api/orders/nope');
  assert.is(missing.status, 404);
  assert.is(((await missing.json()) as { error: string }).error, 'not-found');
});

test('given commands, then the validated body, id and printer reach the port and its status comes back', async () => {
  const calls: PortCalls = {};
  const app = apiWith(calls);
  const typedIn = {
    currency: 'EUR',
    fulfilment: { kind: 'pickup' },
    lineItems: [{ name: 'Tiramisu', quantity: 1, unitPrice: 650 }],
  };
  const created = await app.request('/orders', { method: 'POST', body: JSON.stringify(typedIn) });
  assert.is(created.status, 201, 'a JSON body without a content type is read as JSON');
  assert.equal(
    calls.lastBody,
    {
      ...typedIn,
      paymentStatus: 'NOT_PAID',
      fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
      customer: {},
      lineItems: [{ name: 'Tiramisu', quantity: 1, unitPrice: 650, options: [] }],
      shipping: 0,
      discount: 0,
      tax: 0,
    },
    'the port gets the order with its defaults filled in',
  );
  const reprint = await app.request('/orders/o-1/reprint', { method: 'POST' });
  assert.is(reprint.status, 202);
  assert.is(calls.lastId, 'o-1');
  assert.equal(calls.lastBody, {}, 'an empty body is an empty object');
  const kitchen = await app.request('/orders/o-2/reprint', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: '{"tickets":["kitchen"]}',
  });
  assert.is(kitchen.status, 202);
  assert.equal(calls.lastBody, { tickets: ['kitchen'] });
  assert.is((await app.request('/print-jobs/j-1/retry', { method: 'POST' })).status, 409);
  assert.is(calls.lastId, 'j-1');
  assert.is((await app.request('/print-jobs/test?printer=bar', { method: 'POST' })).status, 202);
  assert.is(calls.lastPrinter, 'bar');
  assert.is((await app.request('/connectivity/check', { method: 'POST' })).status, 200);
  assert.is((await app.request('/commands/reconcile', { method: 'POST' })).status, 503);
});

test('given a body that is not JSON, then 400 bad-json and the port is not asked', async () => {
  const calls: PortCalls = {};
  const app = apiWith(calls);
  for (const path of ['/orders', '/orders/o-1/reprint']) {
    const response = await app.request(path, { method: 'POST', body: '{nope' });
    assert.is(response.status, 400, path);
    assert.is(((await response.json()) as { error: string }).error, 'bad-json');
  }
  assert.is(calls.lastBody, undefined);
});

test('given a webhook larger than the body limit, then 413 before it is read', async () => {
  const calls: PortCalls = {};
  const app = apiWith(calls);
  const response = await app.request('/webhooks/wix', { method: 'POST', body: 'x'.repeat(65) });
  assert.is(response.status, 413);
  assert.is(calls.lastBody, undefined);
  assert.is((await app.request('/webhooks/wix', { method: 'POST', body: 'jwt' })).status, 200);
  assert.is(calls.lastBody, 'jwt');
});

test('given a ticket preview, then SVG for a known job and 404 otherwise; metrics keep their content type', async () => {
  const app = apiWith({});
  const svg = await app.request('/api/print-jobs/known/preview.svg');
  assert.is(svg.headers.get('content-type'), 'image/svg+xml');
  assert.is((await app.request('/api/print-jobs/nope/preview.svg')).status, 404);
  const metrics = await app.request('/metrics');
  assert.is(metrics.headers.get('content-type'), 'text/plain; version=0.0.4');
  assert.is(await metrics.text(), 'bonrelay_up 1\n');
});

test('given an unknown route, then a JSON 404 naming it; given a port that throws, then a JSON 500 and it is logged', async () => {
  const logged: unknown[] = [];
  const app = apiWith(
    {},
    {
      queueStatus: () => {
        throw new Error('boom');
      },
    },
    (error) => logged.push(error),
  );
  const missing = await app.request('/nowhere');
  assert.is(missing.status, 404);
  assert.match(((await missing.json()) as { message: string }).message, /GET \/nowhere/);
  const failed = await app.request('/offline/queue/status');
  assert.is(failed.status, 500);
  assert.is(((await failed.json()) as { error: string }).error, 'internal');
  assert.is((logged[0] as Error).message, 'boom');
});

test('given the live stream, then it is Server-Sent Events carrying each update as JSON as it happens', async () => {
  const { concat, NEVER, of } = await import('rxjs');
  const app = apiWith({}, { liveUpdates: () => concat(of({ event: 'queue', data: { total: 3 } }), NEVER) });
  const response = await app.request('/events/stream');
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /event: queue\ndata: \{"total":3\}/);
  await reader.cancel();
});

test('given updates that end (the service stops), then every update is written before the stream closes', async () => {
  const { of } = await import('rxjs');
  const updates = [1, 2, 3].map((total) => ({ event: 'queue', data: { total } }));
  const app = apiWith({}, { liveUpdates: () => of(...updates) });
  const text = await (await app.request('/events/stream')).text();
  assert.equal(
    [...text.matchAll(/data: (.*)/g)].map((match) => match[1]),
    ['{"total":1}', '{"total":2}', '{"total":3}'],
  );
});

test.run();
