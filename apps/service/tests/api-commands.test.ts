import type { OrderView, PrintJobView } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf, postWixOrder } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const commands = suite<{ app: TestService }>('the manager’s commands over HTTP, against the real service');

commands.before.each(async (context) => {
  context.app = await startTestService({ config: { printing: { maxAttempts: 1 } } });
});
commands.after.each(async (context) => {
  await context.app.stop();
});

const counterOrder = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  customer: { firstName: 'Ada' },
  note: 'no onions',
  lineItems: [
    { name: 'Margherita', quantity: 2, unitPrice: 950, options: [{ name: 'Extra', value: 'basil' }] },
  ],
};

type Created = { orderId: string };
type Queued = { jobId: string; jobIds: string[] };

function jobsOf(app: TestService, orderId: string): PrintJobView[] {
  return [...app.service.store.read({ types: ['PrintJobQueued'] })]
    .map((event) => event.data as PrintJobView)
    .filter((job) => job.orderId === orderId);
}

commands(
  'given an order typed in at the counter, when POST /orders, then 201 local-… with source local, and its tickets print',
  async ({ app }) => {
    const response = await app.request('POST', '/orders', counterOrder);
    assert.is(response.status, 201);
    const { orderId } = (await response.json()) as Created;
    assert.match(orderId, /^local-[0-9a-f-]{36}$/);
    const order = await app.json<OrderView & { history: StoredEvent[] }>(`/api/orders/${orderId}`);
    assert.is(order.source, 'local');
    assert.is(order.order.totals.total, 1900);
    const received = order.history.find((event) => event.type === 'OrderReceived');
    assert.is((received?.metadata as { source?: string } | undefined)?.source, 'local');
    await eventually('both tickets printed', () => countOf(app, 'PrintJobPrinted') === 2);
    assert.ok(
      app.printer.jobs.some((job) => job.text.includes('Margherita') && job.text.includes('no onions')),
    );
  },
);

commands(
  'given an invalid order, when POST /orders, then 422 naming each field at fault and nothing is logged',
  async ({ app }) => {
    const response = await app.request('POST', '/orders', {
      ...counterOrder,
      currency: 'euro',
      lineItems: [{ name: 'Margherita', quantity: 0, unitPrice: 950 }],
      fulfilment: { kind: 'delivery' },
    });
    assert.is(response.status, 422);
    const body = (await response.json()) as { error: string; problems: string[] };
    assert.is(body.error, 'invalid-order');
    assert.ok(body.problems.some((problem) => problem.startsWith('currency: ')));
    assert.ok(body.problems.some((problem) => problem.startsWith('lineItems.0.quantity: ')));
    assert.ok(body.problems.some((problem) => problem.startsWith('fulfilment.address: a delivery needs')));
    assert.is((await app.request('POST', '/orders', '[1,')).status, 400);
    assert.is((await app.request('POST', '/orders', { ...counterOrder, tip: 100 })).status, 422);
    assert.is(countOf(app, 'OrderReceived'), 0);
  },
);

commands(
  'given a printed order, when POST /orders/:id/reprint, then new jobs flagged reprint print with REPRINT on them',
  async ({ app }) => {
    const order = await postWixOrder(app);
    await eventually('the first tickets printed', () => countOf(app, 'PrintJobPrinted') === 2);
    const response = await app.request('POST', `/orders/${order.id}/reprint`, { tickets: ['kitchen'] });
    assert.is(response.status, 202);
    const { jobIds } = (await response.json()) as Queued;
    assert.is(jobIds.length, 1);
    const job = jobsOf(app, order.id).find((queued) => queued.jobId === jobIds[0]);
    assert.is(job?.reprint, true);
    assert.is(job?.ticket, 'kitchen');
    await eventually('the reprint printed', () => countOf(app, 'PrintJobPrinted') === 3);
    const reprinted = app.printer.jobs.filter((printed) => printed.text.includes('REPRINT'));
    assert.is(reprinted.length, 1);
    const again = (await (await app.request('POST', `/orders/${order.id}/reprint`)).json()) as Queued;
    assert.is(again.jobIds.length, 2, 'no body: every original ticket again');
    assert.is((await app.request('POST', '/orders/nope/reprint')).status, 404);
    assert.is((await app.request('POST', `/orders/${order.id}/reprint`, { tickets: ['menu'] })).status, 400);
  },
);

commands(
  'given a job that gave up (printer resets mid-job, one attempt allowed), when POST /print-jobs/:id/retry, then it is revived and prints; otherwise 409',
  async ({ app }) => {
    const first = await postWixOrder(app);
    await eventually('the first order printed', () => countOf(app, 'PrintJobPrinted') === 2);
    const printedJob = jobsOf(app, first.id)[0] as PrintJobView;
    const notGivenUp = await app.request('POST', `/print-jobs/${encodeURIComponent(printedJob.jobId)}/retry`);
    assert.is(notGivenUp.status, 409);
    assert.match(((await notGivenUp.json()) as { message: string }).message, /the job is printed/);
    assert.is((await app.request('POST', '/print-jobs/nope/retry')).status, 404);

    await app.printer.setMode('reset-mid-job');
    const second = await postWixOrder(app);
    await eventually('both tickets gave up', () => countOf(app, 'PrintJobGaveUp') === 2);
    const { printJobs } = await app.json<{ printJobs: PrintJobView[] }>('/api/print-jobs?state=gave-up');
    assert.equal(
      printJobs.map((job) => job.orderId),
      [second.id, second.id],
    );

    await app.printer.setMode('online');
    for (const job of printJobs) {
      const revived = await app.request('POST', `/print-jobs/${encodeURIComponent(job.jobId)}/retry`);
      assert.is(revived.status, 202);
    }
    await eventually('the revived tickets printed', () => countOf(app, 'PrintJobPrinted') === 4, 15_000);
    assert.is(countOf(app, 'PrintJobRevived'), 2);
    const still = await app.json<{ printJobs: PrintJobView[] }>('/api/print-jobs?state=gave-up');
    assert.equal(still.printJobs, []);
  },
);

commands(
  'given the printers, when POST /print-jobs/test, then a test ticket prints; an unknown printer is 404',
  async ({ app }) => {
    const response = await app.request('POST', '/print-jobs/test');
    assert.is(response.status, 202);
    const { jobId } = (await response.json()) as Queued;
    assert.match(jobId, /^test\//);
    await eventually('the test ticket printed', () =>
      app.printer.jobs.some((job) => job.text.includes('TEST TICKET')),
    );
    assert.is((await app.request('POST', '/print-jobs/test?printer=bar')).status, 404);
    assert.is((await app.request('POST', '/print-jobs/test?printer=printer')).status, 202);
  },
);

commands.run();
