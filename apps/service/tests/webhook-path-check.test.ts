import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventDataByType } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf } from './cli-scenario.ts';
import { eventually, startTestService } from './support/test-service.ts';

/** A loopback stand-in for the tunnel Wix comes through: forwards to the box, or fails like a dead one. */
async function startTunnel() {
  let target: string | undefined;
  let up = true;
  let requests = 0;
  const server: Server = createServer(async (request, response) => {
    requests++;
    if (!up || !target) {
      response.writeHead(502).end('tunnel down');
      return;
    }
    const answer = await fetch(`${target}${request.url ?? '/'}`);
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo: (url: string) => {
      target = url;
    },
    requests: () => requests,
    setUp: (value: boolean) => {
      up = value;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Status = { wix: { publicPath?: { status: string; detail?: string } } };

test('given BONRELAY_PUBLIC_URL, when the tunnel breaks and heals, then webhook-path changes are recorded once each and shown', async () => {
  const tunnel = await startTunnel();
  const app = await startTestService({
    config: { monitor: { webhookPathIntervalMs: 100 } },
    env: { BONRELAY_PUBLIC_URL: tunnel.url },
  });
  try {
    tunnel.forwardTo(app.url);
    const changes = () =>
      app.service.store
        .read({ types: ['WebhookPathStatusChanged'] })
        .map((event) => event.data as EventDataByType['WebhookPathStatusChanged']);
    await eventually('reachable', () => changes().some((change) => change.to === 'reachable'));
    tunnel.setUp(false);
    await eventually('unreachable', () => changes().at(-1)?.to === 'unreachable');
    assert.equal(changes().at(-1), {
      from: 'reachable',
      to: 'unreachable',
      url: `${tunnel.url}/health`,
      detail: 'HTTP 502',
    });
    const status = await app.json<Status>('/connectivity/status');
    assert.is(status.wix.publicPath?.status, 'unreachable');
    const events = await app.json<{ events: { type: string }[] }>('/connectivity/events');
    assert.ok(events.events.some((event) => event.type === 'WebhookPathStatusChanged'));

    const recorded = countOf(app, 'WebhookPathStatusChanged');
    const seen = tunnel.requests();
    await eventually('five more checks while down', () => tunnel.requests() >= seen + 5);
    assert.is(countOf(app, 'WebhookPathStatusChanged'), recorded, 'only changes are appended');

    tunnel.setUp(true);
    await eventually('reachable again', () => changes().at(-1)?.to === 'reachable');
  } finally {
    await app.stop();
    await tunnel.close();
  }
});

test.run();
