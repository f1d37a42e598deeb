import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BonrelayPorts, createApi } from '../src/index.ts';
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

test.run();
