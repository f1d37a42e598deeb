import { documentedRoutes } from '@bonrelay/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestService } from './support/test-service.ts';

const token = 'kitchen-tablet-token-2026';
const open = new Set(['GET /health', 'POST /webhooks/wix', 'GET /']);
// Routes that answer something other than JSON, so not in the OpenAPI document.
const others = [
  { method: 'get', path: '/' },
  { method: 'get', path: '/metrics' },
  { method: 'get', path: '/events/stream' },
  { method: 'get', path: '/api/print-jobs/{id}/preview.svg' },
];

test('given BONRELAY_API_TOKEN, then every endpoint but /health, the webhook and / answers 401 without it and works with it', async () => {
  const app = await startTestService({ env: { BONRELAY_API_TOKEN: token } });
  try {
    for (const { method, path: template } of [...documentedRoutes, ...others]) {
      const path = template.replace('{id}', 'no-such-thing');
      const name = `${method.toUpperCase()} ${template}`;
      const without = await app.request(method.toUpperCase(), path);
      if (open.has(name)) {
        // The webhook refuses an unsigned body itself; what matters is that the token guard let it in.
        const text = await without.text();
        assert.ok(without.status !== 401 || !text.includes('"error":"unauthorized"'), `${name} is open`);
        continue;
      }
      assert.is(without.status, 401, `${name} without the token`);
      assert.is(((await without.json()) as { error: string }).error, 'unauthorized');
      const wrong = await app.request(method.toUpperCase(), path, undefined, {
        authorization: 'Bearer wrong',
      });
      assert.is(wrong.status, 401, `${name} with a wrong token`);
      await wrong.body?.cancel();
      const abort = new AbortController();
      const withToken = await fetch(`${app.url}${path}`, {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      assert.ok(![401, 403].includes(withToken.status), `${name} with the token → ${withToken.status}`);
      abort.abort();
    }
  } finally {
    await app.stop();
  }
});

test.run();
