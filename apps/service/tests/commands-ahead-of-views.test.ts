import {
  makeWixOrder,
  orderCanceledDelivery,
  orderCreatedDelivery,
  signWixWebhook,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestService } from './support/test-service.ts';

/**
 * Decisions follow what was appended, not what the tables have written so far: the service here
 * writes its tables once a minute, so every request below arrives before they hold what it needs.
 * Requests go straight to the socket, as the harness would wait for the views first.
 */
const lagging = () => startTestService({ config: { database: { viewFlushIntervalMs: 60_000 } } });

test('given a cancellation right behind its order, before the views wrote it, then its tickets are withdrawn', async () => {
  const app = await lagging();
  try {
    await app.printer.setMode('offline');
    const order = makeWixOrder({});
    for (const delivery of [orderCreatedDelivery(order), orderCanceledDelivery(order)]) {
      const jwt = await signWixWebhook(delivery, app.keys.privateKey);
      const response = await fetch(`${app.url}/webhooks/wix`, { method: 'POST', body: jwt });
      assert.is(response.status, 200);
    }
    const withdrawn = app.service.store
      .read({ types: ['PrintJobCancelled'] })
      .map((event) => (event.data as { jobId: string }).jobId)
      .sort();
    assert.equal(withdrawn, [`${order.id}/customer`, `${order.id}/kitchen`]);
  } finally {
    await app.stop();
  }
});

test('given an order typed in a moment ago, when two reprints are asked for at once, then each is a new job', async () => {
  const app = await lagging();
  try {
    await app.printer.setMode('offline');
    const post = (path: string, body: object) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/orders', {
      currency: 'EUR',
      fulfilment: { kind: 'pickup' },
      lineItems: [{ name: 'Tiramisu', quantity: 1, unitPrice: 650 }],
    });
    const { orderId } = (await created.json()) as { orderId: string };
    const reprints: string[] = [];
    for (let n = 0; n < 2; n++) {
      const response = await post(`/orders/${orderId}/reprint`, { tickets: ['kitchen'] });
      assert.is(response.status, 202);
      reprints.push(...((await response.json()) as { jobIds: string[] }).jobIds);
    }
    assert.equal(reprints, [`${orderId}/kitchen/reprint-1`, `${orderId}/kitchen/reprint-2`]);
  } finally {
    await app.stop();
  }
});

test.run();
