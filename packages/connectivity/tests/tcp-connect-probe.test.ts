import { once } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tcpConnectProbe } from '../src/index.ts';
import { closedPort, loopbackListener, silentListener } from './support/loopback.ts';

test('a listening port answers, and the probe hangs up at once', async () => {
  const listener = await loopbackListener();
  try {
    assert.is(await tcpConnectProbe({ host: '127.0.0.1', port: listener.port }, 2_000), true);
    const accepted = await listener.firstAccepted();
    if (!accepted.closed) await once(accepted, 'close');
    assert.ok(accepted.closed);
  } finally {
    await listener.stop();
  }
});

test('a port nobody listens on is simply false', async () => {
  const port = await closedPort();

  assert.is(await tcpConnectProbe({ host: '127.0.0.1', port }, 2_000), false);
});

test('a route that swallows the handshake is false after the timeout', async () => {
  const silent = await silentListener();
  try {
    // Each answered handshake sits unaccepted in the kernel's queue; once it is full, SYNs vanish.
    let answered = true;
    let tookMs = 0;
    for (let attempt = 0; answered && attempt < 10; attempt++) {
      const startedAt = performance.now();
      answered = await tcpConnectProbe({ host: '127.0.0.1', port: silent.port }, 300);
      tookMs = performance.now() - startedAt;
    }
    assert.is(answered, false);
    assert.ok(tookMs >= 290, `gave up after ${tookMs}ms`);
  } finally {
    await silent.release();
  }
});

test.run();
