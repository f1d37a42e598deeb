import type { PrintJobView } from '@bonrelay/domain';
import {
  makeWixOrder,
  orderCanceledDelivery,
  orderCreatedDelivery,
  orderUpdatedDelivery,
  signWixWebhook,
  type WixDelivery,
  type WixOrder,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const minute = 60_000;

/** A Wix pickup order for a time `msAhead` from now, as a guest books dinner in the afternoon. */
function preOrder(msAhead: number): WixOrder {
  const base = makeWixOrder();
  const logistics = base.shippingInfo?.logistics;
  return {
    ...base,
    shippingInfo: {
      ...base.shippingInfo,
      logistics: { ...logistics, deliveryTime: new Date(Date.now() + msAhead).toISOString() },
    },
  } as WixOrder;
}

async function deliver(app: TestService, delivery: WixDelivery): Promise<void> {
  const response = await app.request(
    'POST',
    '/webhooks/wix',
    await signWixWebhook(delivery, app.keys.privateKey),
  );
  assert.is(response.status, 200);
}

async function jobsOf(app: TestService, orderId: string): Promise<PrintJobView[]> {
  const page = await app.json<{ printJobs: PrintJobView[] }>(`/api/print-jobs?order=${orderId}`);
  return page.printJobs;
}

const kitchenOf = async (app: TestService, orderId: string) =>
  (await jobsOf(app, orderId)).find((job) => job.ticket === 'kitchen');

test('a pre-order: the receipt prints at once, the kitchen ticket is scheduled, follows the new slot, and "print now" prints it', async () => {
  const app = await startTestService();
  try {
    const order = preOrder(5 * 60 * minute);
    await deliver(app, orderCreatedDelivery(order));
    await eventually('the customer receipt printed', () => countOf(app, 'PrintJobPrinted') === 1);
    const held = await kitchenOf(app, order.id);
    assert.is(held?.state, 'scheduled');
    const slot = Date.parse(order.shippingInfo!.logistics!.deliveryTime!);
    assert.is(held?.slotStartsAt, new Date(slot).toISOString());
    assert.is(held?.notBefore, new Date(slot - 30 * minute).toISOString());
    const listed = await app.json<{ printJobs: PrintJobView[] }>('/api/print-jobs?state=scheduled');
    assert.equal(
      listed.printJobs.map((job) => job.jobId),
      [held!.jobId],
    );

    const later = new Date(slot + 60 * minute).toISOString();
    await deliver(
      app,
      orderUpdatedDelivery({
        ...order,
        shippingInfo: {
          ...order.shippingInfo,
          logistics: { ...order.shippingInfo?.logistics, deliveryTime: later },
        },
      } as WixOrder),
    );
    const moved = await kitchenOf(app, order.id);
    assert.is(moved?.state, 'scheduled');
    assert.is(moved?.notBefore, new Date(slot + 30 * minute).toISOString(), 'the hold moved with the slot');

    const printNow = await app.request('POST', `/print-jobs/${encodeURIComponent(held!.jobId)}/print-now`);
    assert.is(printNow.status, 202);
    await eventually('the kitchen ticket printed', () => countOf(app, 'PrintJobPrinted') === 2);
    assert.ok(app.printer.jobs.at(-1)?.text.includes('Margherita'));
    const again = await app.request('POST', `/print-jobs/${encodeURIComponent(held!.jobId)}/print-now`);
    assert.is(again.status, 409);
  } finally {
    await app.stop();
  }
});

test('a pre-order cancelled in Wix before prep time: its held ticket is withdrawn, and no slip tells the kitchen to stop', async () => {
  const app = await startTestService();
  try {
    const order = preOrder(5 * 60 * minute);
    await deliver(app, orderCreatedDelivery(order));
    await eventually('the customer receipt printed', () => countOf(app, 'PrintJobPrinted') === 1);
    await deliver(app, orderCanceledDelivery(order));
    const jobs = await jobsOf(app, order.id);
    assert.is(jobs.find((job) => job.ticket === 'kitchen')?.state, 'cancelled');
    assert.is(
      jobs.find((job) => job.ticket === 'cancellation'),
      undefined,
      'the kitchen never saw it',
    );
  } finally {
    await app.stop();
  }
});

test('a box that was off at prep time prints the held tickets as soon as it starts', async () => {
  // Holds of every order with a time, printed at the time itself: a slot a moment ahead is enough.
  const config = { tickets: { holdScheduledBeyondMinutes: 0, prepLeadMinutes: 0 } };
  const first = await startTestService({ config });
  const order = preOrder(1_500);
  let dueAt = 0;
  try {
    await deliver(first, orderCreatedDelivery(order));
    const held = await eventually('the kitchen ticket held', async () => {
      const job = await kitchenOf(first, order.id);
      return job?.state === 'scheduled' ? job : undefined;
    });
    dueAt = Date.parse(held.notBefore!);
  } finally {
    await first.stop();
  }
  await eventually('prep time passed while the box was off', () => Date.now() > dueAt + 100);
  const second = await startTestService({ config, dataDir: first.dataDir, keys: first.keys });
  try {
    await eventually(
      'the held ticket printed at start',
      async () => (await kitchenOf(second, order.id))?.state === 'printed',
    );
    const released = second.service.store.read({ types: ['PrintJobReleased'] });
    assert.equal(
      released.map((event) => event.data),
      [{ jobId: `${order.id}/kitchen`, reason: 'due' }],
    );
  } finally {
    await second.stop();
  }
});

test.run();
