import {
  makeWixOrder,
  orderCanceledDelivery,
  orderCreatedDelivery,
  signWixWebhook,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestService } from './support/test-service.ts';

test('given a cancellation right behind its order, before the views wrote it, then its tickets are withdrawn', async () => {
  // The tables write once a minute here, so the cancellation surely arrives before they hold the order.
  const app = await startTestService({ config: { database: { viewFlushIntervalMs: 60_000 } } });
  try {
    await app.printer.setMode('offline');
    const order = makeWixOrder({});
    for (const delivery of [orderCreatedDelivery(order), orderCanceledDelivery(order)]) {
      const jwt = await signWixWebhook(delivery, app.keys.privateKey);
      // Straight to the socket: the harness would wait for the views, which is the point here.
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

test.run();
