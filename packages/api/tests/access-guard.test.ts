import { Hono } from 'hono';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { requireAccess } from '../src/access.ts';
import { createApi } from '../src/index.ts';
import { fakePorts } from './routes-fake-ports.ts';

const token = 'kitchen-token-0123456789';
const open = new Set(['GET /health', 'POST /webhooks/wix', 'GET /']);

function apiFor(options: { token?: string; remote?: string }) {
  return createApi(fakePorts(), {
    token: options.token,
    remoteAddress: () => options.remote,
    bodyLimitBytes: 65_536,
    version: 'test',
  });
}

/** Every route the app serves, as `METHOD /path` with parameters filled in. */
function servedRoutes(app: { routes: Hono['routes'] }): { method: string; path: string }[] {
  const seen = new Set<string>();
  const routes: { method: string; path: string }[] = [];
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const path = route.path.replace(/:(\w+)/g, 'known');
    const key = `${route.method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method: route.method, path });
  }
  return routes;
}

function guarded(path: string, remote: string | undefined, configured?: string) {
  const app = new Hono();
  app.use('*', requireAccess({ token: configured, remoteAddress: () => remote }));
  app.get(path, (c) => c.text('in'));
  return app;
}

test('given a token is set, when any endpoint but /health, the webhook and / is called without it, then 401', async () => {
  const app = apiFor({ token, remote: '127.0.0.1' });
  const routes = servedRoutes(app);
  assert.ok(routes.length >= 20, `${routes.length} routes found`);
  for (const { method, path } of routes) {
    const response = await app.request(path, { method });
    const key = `${method} ${path}`;
    if (open.has(key)) assert.is.not(response.status, 401, `${key} is open`);
    else {
      assert.is(response.status, 401, `${key} needs the token`);
      assert.is(((await response.json()) as { error: string }).error, 'unauthorized');
    }
  }
});

test('given a token is set, when every endpoint is called with Authorization: Bearer, then none answers 401 or 403', async () => {
  const app = apiFor({ token, remote: '192.168.1.20' });
  for (const { method, path } of servedRoutes(app)) {
    if (path === '/events/stream') continue; // an endless stream; its guard is covered above
    const response = await app.request(path, { method, headers: { authorization: `Bearer ${token}` } });
    assert.ok(![401, 403].includes(response.status), `${method} ${path} → ${response.status}`);
  }
});

test('given a token is set, when a wrong or truncated token is sent, then 401; ?token= works for EventSource', async () => {
  const app = guarded('/x', '127.0.0.1', token);
  for (const header of [`Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, `Basic ${token}`, token]) {
    assert.is((await app.request('/x', { headers: { authorization: header } })).status, 401, header);
  }
  assert.is((await app.request(`/x?token=${token}`)).status, 200);
  assert.is((await app.request('/x?token=nope')).status, 401);
});

test('given no token, when the client is on this machine, then it gets in (IPv4, IPv6, mapped)', async () => {
  for (const remote of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1']) {
    assert.is((await guarded('/x', remote).request('/x')).status, 200, remote);
  }
});

test('given no token, when the client is anywhere else or unknown, then 403 saying why', async () => {
  for (const remote of [
    '192.168.1.20',
    '10.0.0.7',
    '::ffff:192.168.1.20',
    'fe80::1',
    '127.0.0.1.evil',
    undefined,
  ]) {
    const response = await guarded('/x', remote).request('/x');
    assert.is(response.status, 403, String(remote));
    assert.match(((await response.json()) as { message: string }).message, /BONRELAY_API_TOKEN/);
  }
});

test('given no token and a Wi-Fi client, then /health, the webhook and the dashboard page still answer', async () => {
  const app = apiFor({ remote: '192.168.1.20' });
  assert.is((await app.request('/health')).status, 200);
  assert.is((await app.request('/')).status, 200);
  assert.is((await app.request('/webhooks/wix', { method: 'POST', body: 'jwt' })).status, 200);
  assert.is((await app.request('/api/orders')).status, 403);
});

test.run();
