import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BonrelayPorts, createApi, documentedResponse, documentedRoutes } from '../src/index.ts';
import { fakePorts } from './routes-fake-ports.ts';

const token = 'kitchen-token-0123456789';
const bearer = { authorization: `Bearer ${token}` };

function apiWith(
  overrides: Partial<BonrelayPorts> = {},
  options: { token?: string; remote?: string } = { token },
) {
  return createApi(fakePorts({}, overrides), {
    token: options.token,
    remoteAddress: () => options.remote,
    bodyLimitBytes: 1_024,
    version: '9.9.9',
  });
}
const app = apiWith();
// Routes that answer something other than JSON: the page, Prometheus text, SSE, an SVG.
const notJson = new Set([
  'GET /',
  'GET /metrics',
  'GET /events/stream',
  'GET /api/print-jobs/{id}/preview.svg',
]);

const sample: Record<string, string> = {
  limit: '5',
  from: '2026-11-27T19:40:00Z',
  to: '2026-11-27T20:15:00Z',
  token,
};

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: unknown;
}
type Document = {
  openapi: string;
  info: { version: string };
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  paths: Record<
    string,
    Record<string, { security: unknown[]; parameters?: Parameter[]; responses: Record<string, unknown> }>
  >;
};

async function documentOf(api = app): Promise<Document> {
  const response = await api.request('/openapi.json', { headers: bearer });
  assert.is(response.status, 200);
  return (await response.json()) as Document;
}

test('given the app, then /openapi.json lists exactly the JSON routes it serves', async () => {
  const served = new Set(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => !notJson.has(route)),
  );
  const document = await documentOf();
  const described = new Set(
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  assert.equal([...described].sort(), [...served].sort());
});

test('given the document, then it is OpenAPI 3.1 with the version, path parameters, bearer security and named schemas', async () => {
  const document = await documentOf();
  assert.is(document.openapi, '3.1.0');
  assert.is(document.info.version, '9.9.9');
  const order = document.paths['/api/orders/{id}']?.get;
  assert.equal(order?.parameters, [{ schema: { type: 'string' }, required: true, name: 'id', in: 'path' }]);
  assert.equal(order?.security, [{ bearer: [] }, { token: [] }]);
  assert.equal(document.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  assert.equal(document.paths['/health']?.get?.security, []);
  assert.equal(document.paths['/webhooks/wix']?.post?.security, []);
  const list = document.paths['/api/print-jobs']?.get;
  assert.equal(
    list?.parameters?.map((parameter) => parameter.name),
    ['token', 'limit', 'cursor', 'state', 'printer', 'order'],
  );
  for (const name of ['PrintJob', 'OrderView', 'OrderTicket', 'StoredEvent', 'LocalOrder', 'Problem']) {
    assert.ok(document.components.schemas[name], `${name} is a named schema`);
  }
});

test('given each list route, then its documented query parameters are the ones it accepts', async () => {
  const document = await documentOf();
  for (const [path, methods] of Object.entries(document.paths)) {
    const parameters = (methods.get?.parameters ?? []).filter((parameter) => parameter.in === 'query');
    if (parameters.length === 0) continue;
    const query = parameters
      .map(({ name }) => `${name}=${encodeURIComponent(sample[name] ?? 'x')}`)
      .join('&');
    const response = await app.request(`${path}?${query}`, { headers: bearer });
    assert.is(response.status, 200, `${path}?${query}`);
    const unknown = await app.request(`${path}?colour=red`, { headers: bearer });
    assert.is(unknown.status, 400, `${path}?colour=red`);
  }
});

const typedIn = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  lineItems: [{ name: 'Tiramisu', quantity: 1, unitPrice: 650 }],
};
const full = { status: 503 as const, body: { error: 'storage-full', message: 'the disk is full' } };

/** One request per documented answer: the route, what to send, and ports that make it answer so. */
interface Exchange {
  route: string;
  request: string;
  status: number;
  body?: string;
  ports?: Partial<BonrelayPorts>;
  unauthenticated?: 'no-token' | 'wi-fi';
}
const exchanges: Exchange[] = [
  { route: 'GET /health', request: '/health', status: 200 },
  {
    route: 'GET /health',
    request: '/health',
    status: 503,
    ports: { health: () => ({ ...fakePorts().health(), healthy: false }) },
  },
  { route: 'POST /webhooks/wix', request: '/webhooks/wix', status: 200, body: 'jwt' },
  {
    route: 'POST /webhooks/wix',
    request: '/webhooks/wix',
    status: 401,
    body: 'jwt',
    ports: { receiveWixWebhook: async () => ({ status: 401, body: { error: 'bad-signature' } }) },
  },
  {
    route: 'POST /webhooks/wix',
    request: '/webhooks/wix',
    status: 400,
    body: 'jwt',
    ports: {
      receiveWixWebhook: async () => ({ status: 400, body: { error: 'malformed-order', message: 'no id' } }),
    },
  },
  { route: 'POST /webhooks/wix', request: '/webhooks/wix', status: 413, body: 'x'.repeat(2_000) },
  {
    route: 'POST /webhooks/wix',
    request: '/webhooks/wix',
    status: 503,
    body: 'jwt',
    ports: { receiveWixWebhook: async () => full },
  },
  { route: 'GET /openapi.json', request: '/openapi.json', status: 200 },
  { route: 'GET /openapi.json', request: '/openapi.json', status: 401, unauthenticated: 'no-token' },
  { route: 'GET /openapi.json', request: '/openapi.json', status: 403, unauthenticated: 'wi-fi' },
  ...[
    '/api/orders',
    '/api/print-jobs',
    '/api/offline-periods',
    '/api/unreadable-orders',
    '/api/events',
    '/connectivity/events',
  ].flatMap((path) => [
    { route: `GET ${path}`, request: path, status: 200 },
    { route: `GET ${path}`, request: `${path}?limit=0`, status: 400 },
  ]),
  { route: 'GET /api/orders/{id}', request: '/api/orders/known', status: 200 },
  { route: 'GET /api/orders/{id}', request: '/api/orders/nope', status: 404 },
  { route: 'GET /connectivity/status', request: '/connectivity/status', status: 200 },
  { route: 'GET /offline/queue/status', request: '/offline/queue/status', status: 200 },
  { route: 'POST /orders', request: '/orders', status: 201, body: JSON.stringify(typedIn) },
  { route: 'POST /orders', request: '/orders', status: 400, body: '{nope' },
  { route: 'POST /orders', request: '/orders', status: 422, body: '{"currency":"EUR"}' },
  {
    route: 'POST /orders',
    request: '/orders',
    status: 503,
    body: JSON.stringify(typedIn),
    ports: { createLocalOrder: () => full },
  },
  { route: 'POST /orders/{id}/reprint', request: '/orders/o-1/reprint', status: 202 },
  { route: 'POST /orders/{id}/reprint', request: '/orders/o-1/reprint', status: 400, body: '{"tickets":[]}' },
  {
    route: 'POST /orders/{id}/reprint',
    request: '/orders/nope/reprint',
    status: 404,
    ports: { reprintOrder: () => ({ status: 404, body: { error: 'not-found', message: 'no such order' } }) },
  },
  {
    route: 'POST /orders/{id}/reprint',
    request: '/orders/o-1/reprint',
    status: 503,
    ports: { reprintOrder: () => full },
  },
  { route: 'POST /print-jobs/{id}/retry', request: '/print-jobs/j-1/retry', status: 409 },
  {
    route: 'POST /print-jobs/{id}/retry',
    request: '/print-jobs/j-1/retry',
    status: 202,
    ports: { retryPrintJob: (jobId) => ({ status: 202, body: { jobId } }) },
  },
  {
    route: 'POST /print-jobs/{id}/retry',
    request: '/print-jobs/nope/retry',
    status: 404,
    ports: {
      retryPrintJob: () => ({ status: 404, body: { error: 'not-found', message: 'no such print job' } }),
    },
  },
  {
    route: 'POST /print-jobs/{id}/retry',
    request: '/print-jobs/j-1/retry',
    status: 503,
    ports: { retryPrintJob: () => full },
  },
  { route: 'POST /print-jobs/{id}/print-now', request: '/print-jobs/j-1/print-now', status: 202 },
  {
    route: 'POST /print-jobs/{id}/print-now',
    request: '/print-jobs/nope/print-now',
    status: 404,
    ports: {
      printHeldJobNow: () => ({ status: 404, body: { error: 'not-found', message: 'no such print job' } }),
    },
  },
  {
    route: 'POST /print-jobs/{id}/print-now',
    request: '/print-jobs/j-1/print-now',
    status: 409,
    ports: {
      printHeldJobNow: () => ({
        status: 409,
        body: { error: 'not-scheduled', message: 'the job is printed' },
      }),
    },
  },
  {
    route: 'POST /print-jobs/{id}/print-now',
    request: '/print-jobs/j-1/print-now',
    status: 503,
    ports: { printHeldJobNow: () => full },
  },
  { route: 'POST /print-jobs/test', request: '/print-jobs/test?printer=kitchen', status: 202 },
  {
    route: 'POST /print-jobs/test',
    request: '/print-jobs/test?printer=bar',
    status: 404,
    ports: {
      printTestTicket: () => ({ status: 404, body: { error: 'not-found', message: 'no printer named bar' } }),
    },
  },
  {
    route: 'POST /print-jobs/test',
    request: '/print-jobs/test',
    status: 503,
    ports: { printTestTicket: () => full },
  },
  { route: 'POST /connectivity/check', request: '/connectivity/check', status: 200 },
  { route: 'POST /commands/reconcile', request: '/commands/reconcile', status: 503 },
  {
    route: 'POST /commands/reconcile',
    request: '/commands/reconcile',
    status: 200,
    ports: {
      reconcile: async () => ({
        status: 200,
        body: {
          ok: true,
          from: '2026-11-27T19:00:00.000Z',
          to: '2026-11-27T20:00:00.000Z',
          found: 2,
          appended: 1,
          unreadable: 0,
        },
      }),
    },
  },
];

test('given the fake ports, then every answer validates against the schema its route documents for its status, and every documented answer is seen', async () => {
  const seen = new Set<string>();
  const guardedRoutes = documentedRoutes.filter((route) => (route.security ?? []).length > 0);
  const refusals = guardedRoutes.flatMap((route): Exchange[] => {
    const path = route.path.replace('{id}', 'known');
    const name = `${route.method.toUpperCase()} ${route.path}`;
    return [
      { route: name, request: path, status: 401, unauthenticated: 'no-token' },
      { route: name, request: path, status: 403, unauthenticated: 'wi-fi' },
    ];
  });
  for (const exchange of [...exchanges, ...refusals]) {
    const [method = '', template = ''] = exchange.route.split(' ');
    const api =
      exchange.unauthenticated === 'wi-fi'
        ? apiWith(exchange.ports, { remote: '192.168.1.20' })
        : apiWith(exchange.ports);
    const response = await api.request(exchange.request, {
      method,
      headers: exchange.unauthenticated ? {} : bearer,
      ...(exchange.body === undefined ? {} : { body: exchange.body }),
    });
    const name = `${exchange.route} → ${exchange.status}`;
    assert.is(response.status, exchange.status, `${exchange.request}: ${name}`);
    const schema = documentedResponse(method.toLowerCase(), template, response.status);
    assert.ok(schema, `${name} is documented`);
    const checked = schema?.safeParse(await response.json());
    assert.ok(checked?.success, `${name}: ${checked?.error?.message}`);
    seen.add(`${method.toLowerCase()} ${template} ${response.status}`);
  }
  const documented = documentedRoutes.flatMap((route) =>
    Object.keys(route.responses).map((status) => `${route.method} ${route.path} ${status}`),
  );
  assert.equal(
    documented.filter((answer) => !seen.has(answer)),
    [],
    'every documented answer was produced once',
  );
});

test('given an answer that breaks its schema, then the check says so (the check can fail)', () => {
  const schema = documentedResponse('get', '/api/print-jobs', 200);
  const page = { printJobs: [{ jobId: 'j-1', state: 'on-fire' }], next: null };
  assert.is(schema?.safeParse(page).success, false);
  assert.is(documentedResponse('get', '/api/print-jobs', 418), undefined);
});

test.run();
