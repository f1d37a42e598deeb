import { Writable } from 'node:stream';
import {
  makeWixOrder,
  orderCreatedDelivery,
  signWixPayload,
  signWixWebhook,
  wixPayloadData,
} from '@bonrelay/wix-fake';
import fc from 'fast-check';
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sizeFromEnv } from './chaos-support/chaos-random.ts';
import { startTestService, type TestService } from './support/test-service.ts';

const runs = sizeFromEnv('BONRELAY_TEST_FUZZ_RUNS', 30);
const seed = Number(process.env.BONRELAY_TEST_CHAOS_SEED) || Date.now() % 2 ** 31;
const fuzz = suite<{ app: TestService; errors: string[]; known: { orders: string[]; jobs: string[] } }>(
  `bad input never breaks bonrelay (fast-check seed ${seed}, ${runs} runs per endpoint)`,
);

fuzz.before(async (context) => {
  context.errors = [];
  const errors = new Writable({
    write(chunk, _encoding, done) {
      context.errors.push(String(chunk));
      done();
    },
  });
  context.app = await startTestService({ overrides: { logger: pino({ level: 'error' }, errors) } });
  const { app } = context;
  for (let n = 0; n < 2; n++) {
    const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
    assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
  }
  const orders = await app.json<{ orders: { id: string }[] }>('/api/orders');
  const jobs = await app.json<{ printJobs: { jobId?: string; id?: string }[] }>('/api/print-jobs');
  context.known = {
    orders: orders.orders.map((order) => order.id),
    jobs: jobs.printJobs.map((job) => String(job.jobId ?? job.id)),
  };
});
fuzz.after(async (context) => {
  await context.app.stop();
});

/** The whole promise of this suite for one request: a 4xx at worst, never a 5xx or a hang. */
const statuses = new Map<number, number>();

async function neverBreaks(app: TestService, method: string, path: string, body?: string) {
  const response = await app.request(method, path, body, { 'content-type': 'application/json' });
  const text = await response.text();
  assert.ok(
    response.status < 500,
    `${method} ${path.slice(0, 120)} answered ${response.status}: ${text.slice(0, 200)}`,
  );
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response.status;
}

const huge = fc.integer({ min: 201, max: 6_000 }).map((length) => 'x'.repeat(length));
const nasty = fc.constantFrom(
  '',
  ' ',
  '%',
  '%zz',
  '..',
  '../../etc/passwd',
  'null',
  '-1',
  '0',
  '1e309',
  'NaN',
  '2024-13-45T99:99:99Z',
  '9999-12-31T23:59:59Z',
  "'; DROP TABLE events; --",
  '\u0000',
  '🍕',
  '[]',
  '{}',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  nasty,
  huge,
);
const isoish = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.integer().map(String),
  text,
);

/** A query string with known filters, unknown keys, bad limits and odd values, all URL-encoded. */
function queryOf(filters: readonly string[]) {
  const key = fc.oneof(fc.constantFrom('limit', 'cursor', ...filters), fc.string({ maxLength: 12 }));
  const value = fc.oneof(text, isoish, fc.integer({ min: -10, max: 10_000 }).map(String));
  return fc
    .array(fc.tuple(key, value), { maxLength: 5 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

/** A path segment: encoded text, raw percent-soup, or an id that exists. */
function segment(known: () => readonly string[]) {
  const encoded = text.map((value) => {
    try {
      return encodeURIComponent(value);
    } catch {
      return 'lone-surrogate';
    }
  });
  const raw = fc.string({
    unit: fc.constantFrom('%', '.', ';', '=', '+', 'a', '0', '~', '@'),
    maxLength: 20,
  });
  return fc.oneof(
    encoded,
    raw.filter((value) => value.length > 0),
    fc.constantFrom(...known(), 'nope'),
  );
}

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 60 }),
  huge,
  fc.constant(''),
);

const listEndpoints: [string, string[]][] = [
  ['/api/orders', ['state', 'source']],
  ['/api/print-jobs', ['state', 'printer', 'order']],
  ['/api/offline-periods', ['from', 'to', 'component']],
  ['/api/events', ['from', 'to', 'type', 'after']],
  ['/connectivity/events', ['from', 'to']],
];

fuzz('given odd query strings, every list and status query answers below 500', async ({ app }) => {
  for (const [path, filters] of listEndpoints) {
    await fc.assert(
      fc.asyncProperty(queryOf(filters), async (query) => {
        await neverBreaks(app, 'GET', `${path}${query}`);
      }),
      { numRuns: runs, seed },
    );
  }
  for (const path of ['/offline/queue/status', '/connectivity/status', '/health', '/openapi.json']) {
    await fc.assert(
      fc.asyncProperty(queryOf([]), async (query) => {
        assert.is(await neverBreaks(app, 'GET', `${path}${query}`), 200);
      }),
      { numRuns: 5, seed },
    );
  }
});

fuzz('given odd ids, order lookup, reprint and retry answer below 500', async ({ app, known }) => {
  await fc.assert(
    fc.asyncProperty(
      segment(() => known.orders),
      async (id) => {
        await neverBreaks(app, 'GET', `/api/orders/${id}`);
      },
    ),
    { numRuns: runs, seed },
  );
  await fc.assert(
    fc.asyncProperty(
      segment(() => known.orders),
      jsonBody,
      async (id, body) => {
        await neverBreaks(app, 'POST', `/orders/${id}/reprint`, body);
      },
    ),
    { numRuns: runs, seed },
  );
  await fc.assert(
    fc.asyncProperty(
      segment(() => known.jobs),
      async (id) => {
        await neverBreaks(app, 'POST', `/print-jobs/${id}/retry`);
      },
    ),
    { numRuns: runs, seed },
  );
});

/** Random JSON, and local orders that are right but for one field of the wrong kind or size. */
const localOrder = fc
  .record({
    field: fc.constantFrom('currency', 'note', 'fulfilment', 'customer', 'lineItems', 'shipping', 'extra'),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), text),
    name: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), text),
    quantity: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer()),
    unitPrice: fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.double()),
    lines: fc.integer({ min: 1, max: 200 }),
    corrupt: fc.boolean(),
  })
  .map(({ field, value, name, quantity, unitPrice, lines, corrupt }) => {
    const order: Record<string, unknown> = {
      currency: 'EUR',
      fulfilment: { kind: 'pickup' },
      lineItems: Array.from({ length: lines }, () => ({ name, quantity, unitPrice })),
    };
    if (corrupt) order[field] = value;
    return JSON.stringify(order);
  });

fuzz('given random JSON, POST /orders answers below 500', async ({ app }) => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(jsonBody, localOrder), async (body) => {
      await neverBreaks(app, 'POST', '/orders', body);
    }),
    { numRuns: runs * 2, seed },
  );
});

function segmentsOf(jwt: string): string[] {
  return jwt.split('.').map((part) => Buffer.from(part, 'base64url').toString('hex'));
}

/** Ways a token gets damaged on the wire or by an attacker. */
const jwtMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), to: fc.constantFrom(...'AZaz09-_.=+/ %') }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(2), b: fc.nat(2) }),
  fc.record({ kind: fc.constant('payload' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('header' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('append' as const),
    tail: fc.oneof(text, fc.constant('.'), fc.constant('..x')),
  }),
);

function mutate(jwt: string, mutation: typeof jwtMutation extends fc.Arbitrary<infer M> ? M : never): string {
  const parts = jwt.split('.');
  switch (mutation.kind) {
    case 'truncate':
      return jwt.slice(0, mutation.at % jwt.length);
    case 'flip': {
      const at = mutation.at % jwt.length;
      return `${jwt.slice(0, at)}${mutation.to}${jwt.slice(at + 1)}`;
    }
    case 'swap': {
      [parts[mutation.a], parts[mutation.b]] = [parts[mutation.b] as string, parts[mutation.a] as string];
      return parts.join('.');
    }
    case 'payload':
      return [parts[0], Buffer.from(JSON.stringify(mutation.value)).toString('base64url'), parts[2]].join(
        '.',
      );
    case 'header':
      return [Buffer.from(JSON.stringify(mutation.value)).toString('base64url'), parts[1], parts[2]].join(
        '.',
      );
    case 'append':
      return `${jwt}${mutation.tail}`;
  }
}

fuzz(
  'given mutated or truncated tokens, the webhook answers below 500 and makes no order',
  async ({ app }) => {
    await fc.assert(
      fc.asyncProperty(jwtMutation, async (mutation) => {
        const order = makeWixOrder({});
        const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
        const body = mutate(jwt, mutation);
        const status = await neverBreaks(app, 'POST', '/webhooks/wix', body);
        const made = app.service.store.readStream(`order-${order.id}`).length > 0;
        // Base64url's last character carries spare bits: a "flip" there can leave the very same signed bytes.
        const sameSignedBytes =
          segmentsOf(body).join('.') === segmentsOf(jwt).join('.') && body.split('.').length === 3;
        assert.ok(
          !made || sameSignedBytes,
          `an order came from a damaged token (${mutation.kind}), status ${status}`,
        );
      }),
      { numRuns: runs * 2, seed },
    );
  },
);

/** A correctly signed token whose inner layers hold the wrong types. */
const wrongLayer = fc.record({
  layer: fc.constantFrom('outer', 'event', 'order'),
  key: fc.oneof(
    fc.constantFrom(
      'eventType',
      'instanceId',
      'data',
      'id',
      'entityId',
      'createdEvent',
      'lineItems',
      'priceSummary',
      'status',
      'number',
    ),
    fc.string({ maxLength: 8 }),
  ),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), huge, fc.constant('{not json')),
});

fuzz(
  'given signed tokens with wrong types in their layers, the webhook answers below 500',
  async ({ app }) => {
    await fc.assert(
      fc.asyncProperty(wrongLayer, async ({ layer, key, value }) => {
        const delivery = orderCreatedDelivery(makeWixOrder({}));
        const outer = JSON.parse(wixPayloadData(delivery)) as Record<string, unknown>;
        const event = JSON.parse(outer.data as string) as Record<string, unknown>;
        const created = event.createdEvent as { entityAsJson: string };
        const order = JSON.parse(created.entityAsJson) as Record<string, unknown>;
        if (layer === 'order') order[key] = value;
        created.entityAsJson = JSON.stringify(order);
        if (layer === 'event') event[key] = value;
        outer.data = JSON.stringify(event);
        if (layer === 'outer') outer[key] = value;
        const jwt = await signWixPayload(JSON.stringify(outer), app.keys.privateKey);
        await neverBreaks(app, 'POST', '/webhooks/wix', jwt);
      }),
      { numRuns: runs * 2, seed },
    );
  },
);

fuzz(
  'afterwards the service still answers, logged no unexpected error, and its memory stayed put',
  async ({ app, errors }) => {
    const rssBefore = process.memoryUsage().rss;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...listEndpoints.map(([path]) => path)),
        queryOf(['state', 'from', 'to']),
        async (path, query) => {
          await neverBreaks(app, 'GET', `${path}${query}`);
        },
      ),
      { numRuns: runs * 3, seed },
    );
    const grown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(`fuzz: answers by status ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(
      `fuzz: RSS after warm-up ${(rssBefore / 1024 / 1024).toFixed(0)} MB, grew ${grown.toFixed(1)} MB over ${runs * 3} more requests`,
    );
    assert.ok(grown < 80, `RSS grew ${grown.toFixed(1)} MB`);
    assert.is((await app.request('GET', '/health')).status, 200);
    assert.equal(errors, [], 'no unexpected error was logged');
  },
);

fuzz.run();
