import { Agent, request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestService, type TestService } from './support/test-service.ts';

// A reverse proxy or tunnel in front of bonrelay pools its connections: an answer that leaves the
// connection unusable must say so, or the next (innocent) request on it fails.
const reuse = suite<{ app: TestService; agent: Agent }>('kept-alive connections after an early answer');

reuse.before(async (context) => {
  context.app = await startTestService();
});
reuse.before.each((context) => {
  context.agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
reuse.after.each(({ agent }) => {
  agent.destroy();
});
reuse.after(async ({ app }) => {
  await app.stop();
});

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
}

function send(app: TestService, agent: Agent, method: string, path: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${app.url}${path}`,
      { method, agent, headers: body ? { 'content-length': String(body.length) } : {} },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const twoMebibytes = Buffer.alloc(2 * 1024 * 1024, 'x');

reuse(
  'given a 2 MiB webhook refused with 413, then the next request on the pool succeeds',
  async ({ app, agent }) => {
    const refused = await send(app, agent, 'POST', '/webhooks/wix', twoMebibytes);
    assert.is(refused.status, 413);
    assert.is(refused.connection, 'close', 'an answer before the body is read closes the connection');
    assert.is((await send(app, agent, 'GET', '/health')).status, 200);
  },
);

reuse(
  'given a large body to an unknown route, then 404 says close and the pool keeps working',
  async ({ app, agent }) => {
    const missing = await send(app, agent, 'POST', '/no-such-route', twoMebibytes);
    assert.is(missing.status, 404);
    assert.is(missing.connection, 'close');
    assert.is((await send(app, agent, 'GET', '/health')).status, 200);
  },
);

reuse(
  'given requests whose bodies were read, then the connection stays open for the next one',
  async ({ app, agent }) => {
    const ordered = await send(app, agent, 'POST', '/webhooks/wix', Buffer.from('not-a-jwt'));
    assert.is(ordered.status, 401);
    assert.is(ordered.connection, 'keep-alive');
    const health = await send(app, agent, 'GET', '/health');
    assert.is(health.status, 200);
    assert.is(health.connection, 'keep-alive');
  },
);

reuse.run();
