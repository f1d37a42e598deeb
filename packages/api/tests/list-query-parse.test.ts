import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { createApi, eventsQuerySchema, printJobsQuerySchema } from '../src/index.ts';
import { firstProblem } from '../src/routes/request-problems.ts';
import { fakePorts, type PortCalls } from './routes-fake-ports.ts';

/** A query as the route reads it: the parsed value, or the message its 400 carries. */
function parseListQuery(query: Record<string, string>, schema: z.ZodType = printJobsQuerySchema) {
  const result = schema.safeParse(query);
  return result.success
    ? { ok: true as const, query: result.data }
    : { ok: false as const, message: firstProblem(result.error) };
}

test('given no parameters, then the limit defaults to 50 and there is no cursor', () => {
  assert.equal(parseListQuery({}), { ok: true, query: { limit: 50 } });
});

test('given a limit, a cursor and known filters, then they reach the port as given', () => {
  assert.equal(parseListQuery({ limit: '500', cursor: '40', state: 'gave-up', printer: 'bar' }), {
    ok: true,
    query: { limit: 500, cursor: '40', state: 'gave-up', printer: 'bar' },
  });
});

test('given a limit of 0, 501, -1, 2.5 or words, then the answer names limit', () => {
  for (const limit of ['0', '501', '-1', '2.5', 'ten', '']) {
    const result = parseListQuery({ limit });
    assert.is(result.ok, false, limit);
    if (!result.ok) assert.match(result.message, /^limit: /, limit);
  }
});

test('given an unknown parameter, then the answer names it', () => {
  const result = parseListQuery({ limit: '5', colour: 'red' });
  assert.is(result.ok, false);
  if (!result.ok) assert.match(result.message, /colour/);
});

test('given a 300-character value, then the answer names the parameter', () => {
  for (const name of ['cursor', 'state']) {
    const result = parseListQuery({ [name]: 'x'.repeat(300) });
    assert.is(result.ok, false);
    if (!result.ok) assert.match(result.message, new RegExp(`^${name}: `));
  }
});

test('given a bad query over HTTP, then 400 bad-query and the port is never asked', async () => {
  const calls: PortCalls = {};
  const app = createApi(fakePorts(calls), {
    token: undefined,
    remoteAddress: () => '127.0.0.1',
    bodyLimitBytes: 1024,
    version: 'test',
  });
  for (const path of [
    '/api/orders?limit=0',
    '/api/print-jobs?colour=red',
    `/api/events?type=${'x'.repeat(300)}`,
    '/api/offline-periods?limit=9999',
    '/connectivity/events?state=x',
  ]) {
    const response = await app.request(path);
    assert.is(response.status, 400, path);
    assert.is(((await response.json()) as { error: string }).error, 'bad-query');
  }
  assert.is(calls.lastQuery, undefined);
});

test('given from or to that is not a time, then the answer names it (a typo must not widen the window to everything)', () => {
  for (const name of ['from', 'to']) {
    const result = parseListQuery({ [name]: 'friday evening' }, eventsQuerySchema);
    assert.is(result.ok, false, name);
    if (!result.ok) assert.match(result.message, new RegExp(`^${name}: .*time`));
  }
  assert.equal(parseListQuery({ from: '2026-11-27T19:40:00Z', to: '2026-11-27' }, eventsQuerySchema), {
    ok: true,
    query: { limit: 50, from: '2026-11-27T19:40:00Z', to: '2026-11-27' },
  });
});

test.run();
