import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  cancellationJobFor,
  defaultPriorityRules,
  evolvePrintJob,
  jobIdOf,
  kitchenTicketReached,
  type PrintJobView,
  printJobsForOrder,
  reprintJobFor,
  type TicketKind,
} from '../src/index.ts';
import { anOrder, logEvent } from './saga-support/fixtures.ts';

const routing: Record<TicketKind, string> = {
  kitchen: 'kitchen',
  customer: 'front',
  driver: 'front',
  cancellation: 'kitchen',
  test: 'front',
};
const options = {
  routing,
  enabledTickets: ['kitchen', 'customer', 'driver'] as TicketKind[],
  rules: defaultPriorityRules,
};

test('a pickup order queues a kitchen ticket and a customer receipt, routed and prioritised', () => {
  const events = printJobsForOrder(anOrder({ note: 'Erdnuss!' }), options);
  assert.deepEqual(
    events.map((event) => [event.id, event.stream, event.data.printer, event.data.priority]),
    [
      ['print-job-queued:order-1/kitchen', 'print-job-order-1/kitchen', 'kitchen', 'critical'],
      ['print-job-queued:order-1/customer', 'print-job-order-1/customer', 'front', 'critical'],
    ],
  );
  assert.deepEqual(events[0]!.data, {
    jobId: 'order-1/kitchen',
    orderId: 'order-1',
    ticket: 'kitchen',
    printer: 'kitchen',
    priority: 'critical',
    reprint: false,
  });
});

test('a delivery also gets a driver slip', () => {
  const delivery = anOrder({ fulfilment: { kind: 'delivery', wanted: { kind: 'asap' } } });
  assert.deepEqual(
    printJobsForOrder(delivery, options).map((event) => event.data.ticket),
    ['kitchen', 'customer', 'driver'],
  );
});

test('only enabled tickets are queued', () => {
  assert.deepEqual(
    printJobsForOrder(anOrder(), { ...options, enabledTickets: ['kitchen'] }).map(
      (event) => event.data.jobId,
    ),
    ['order-1/kitchen'],
  );
});

test('the same order twice yields the same ids, so the log dedupes the redelivery', () => {
  assert.deepEqual(printJobsForOrder(anOrder(), options), printJobsForOrder(anOrder(), options));
});

/** The order's jobs after these events, each evolved through the one job lifecycle. */
function jobsAfter(...events: Parameters<typeof logEvent>[]): PrintJobView[] {
  const jobs = new Map<string, PrintJobView>();
  for (const args of events) {
    const event = logEvent(...args);
    const jobId = jobIdOf(event);
    const job = jobId === undefined ? undefined : evolvePrintJob(jobs.get(jobId), event);
    if (job) jobs.set(job.jobId, job);
  }
  return [...jobs.values()].sort((a, b) => a.sequence - b.sequence);
}

const queuedKitchen = ['PrintJobQueued', printJobsForOrder(anOrder(), options)[0]!.data, 1] as Parameters<
  typeof logEvent
>;
const queuedCustomer = ['PrintJobQueued', printJobsForOrder(anOrder(), options)[1]!.data, 2] as Parameters<
  typeof logEvent
>;

test('cancelling before the kitchen saw it withdraws every unprinted ticket and prints no slip', () => {
  const jobs = jobsAfter(queuedKitchen, queuedCustomer);
  assert.equal(kitchenTicketReached(jobs), false);
  const events = cancellationJobFor(anOrder(), false, { routing, jobs, reason: 'guest cancelled' });
  assert.deepEqual(
    events.map((event) => [event.type, event.id]),
    [
      ['PrintJobCancelled', 'print-job-cancelled:order-1/kitchen'],
      ['PrintJobCancelled', 'print-job-cancelled:order-1/customer'],
    ],
  );
  assert.deepEqual(events[0]!.data, { jobId: 'order-1/kitchen', reason: 'guest cancelled' });
});

test('cancelling after the kitchen ticket printed queues a critical cancellation slip', () => {
  const printed = {
    jobId: 'order-1/kitchen',
    printer: 'kitchen',
    attempt: 1,
    confirmation: 'confirmed',
  } as const;
  const jobs = jobsAfter(queuedKitchen, queuedCustomer, ['PrintJobPrinted', printed, 3]);
  assert.equal(kitchenTicketReached(jobs), true);
  const events = cancellationJobFor(anOrder(), true, { routing, jobs, reason: 'guest cancelled' });
  assert.deepEqual(
    events.map((event) => event.id),
    ['print-job-queued:order-1/cancellation', 'print-job-cancelled:order-1/customer'],
  );
  assert.deepEqual(events[0]!.data, {
    jobId: 'order-1/cancellation',
    orderId: 'order-1',
    ticket: 'cancellation',
    printer: 'kitchen',
    priority: 'critical',
    reprint: false,
  });
});

test('a kitchen ticket printing right now counts as reached and is not withdrawn', () => {
  const jobs = jobsAfter(queuedKitchen, [
    'PrintAttemptStarted',
    { jobId: 'order-1/kitchen', printer: 'kitchen', attempt: 1 },
    2,
  ]);
  assert.equal(kitchenTicketReached(jobs), true);
  assert.deepEqual(
    cancellationJobFor(anOrder(), true, { routing, jobs, reason: 'x' }).map((event) => event.type),
    ['PrintJobQueued'],
  );
});

test("a reprint is a new job flagged reprint, keeping the job's priority", () => {
  const [job] = jobsAfter(queuedKitchen);
  if (!job) throw new Error('the kitchen job was not queued');
  const event = reprintJobFor({ ...job, priority: 'high' }, 'kitchen', 2, {
    routing,
    rules: defaultPriorityRules,
  });
  assert.equal(event.id, 'print-job-queued:order-1/kitchen/reprint-2');
  assert.deepEqual(event.data, {
    jobId: 'order-1/kitchen/reprint-2',
    orderId: 'order-1',
    ticket: 'kitchen',
    printer: 'kitchen',
    priority: 'high',
    reprint: true,
  });
});

test('a reprint from the order works its priority out again', () => {
  const event = reprintJobFor(anOrder({ note: 'asap' }), 'customer', 1, {
    routing,
    rules: defaultPriorityRules,
  });
  assert.equal(event.data.jobId, 'order-1/customer/reprint-1');
  assert.equal(event.data.printer, 'front');
  assert.equal(event.data.priority, 'critical');
});

test.run();
