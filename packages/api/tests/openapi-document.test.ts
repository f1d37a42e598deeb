import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApi, openApiDocument, operations } from '../src/index.ts';
import { fakePorts } from './routes-fake-ports.ts';

const token = 'kitchen-token-0123456789';
const app = createApi(fakePorts(), {
  token,
  remoteAddress: () => '127.0.0.1',
  bodyLimitBytes: 65_536,
  version: '9.9.9',
});
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
};

type Document = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, { security: unknown[]; parameters: { name: string; in: string }[] }>>;
};

test('given the app, then /openapi.json lists exactly the JSON routes it serves', async () => {
  const served = new Set(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => !notJson.has(route)),
  );
  const response = await app.request('/openapi.json', { headers: { authorization: `Bearer ${token}` } });
  assert.is(response.status, 200);
  const document = (await response.json()) as Document;
  const described = new Set(
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  assert.equal([...described].sort(), [...served].sort());
});

test('given the document, then it is OpenAPI 3.1 with the version, path parameters and bearer security', () => {
  const document = openApiDocument('9.9.9') as Document;
  assert.is(document.openapi, '3.1.0');
  assert.is(document.info.version, '9.9.9');
  const order = document.paths['/api/orders/{id}']?.get;
  assert.equal(order?.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  assert.equal(order?.security, [{ bearer: [] }]);
  assert.equal(document.paths['/health']?.get?.security, []);
  const list = document.paths['/api/print-jobs']?.get;
  assert.equal(
    list?.parameters.map((parameter) => parameter.name),
    ['limit', 'cursor', 'state', 'printer', 'order'],
  );
});

test('given each list route, then its documented query parameters are the ones it accepts', async () => {
  for (const operation of operations.filter((op) => op.method === 'get' && op.query)) {
    const query = (operation.query ?? []).map((name) => `${name}=${sample[name] ?? 'x'}`).join('&');
    const response = await app.request(`${operation.path}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.is(response.status, 200, `${operation.path}?${query}`);
  }
});

test.run();
