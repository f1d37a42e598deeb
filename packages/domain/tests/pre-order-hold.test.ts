import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  cancellationJobFor,
  defaultPriorityRules,
  evolvePrintJob,
  type HoldPolicy,
  holdMovesFor,
  type PrintJobView,
  printJobsForOrder,
  type TicketKind,
  timedTicketOf,
} from '../src/index.ts';
import { anOrder, logEvent } from './saga-support/fixtures.ts';

const routing: Record<TicketKind, string> = {
  kitchen: 'kitchen',
  customer: 'front',
  driver: 'front',
  cancellation: 'kitchen',
  test: 'front',
};
const hold: HoldPolicy = { holdBeyondMinutes: 90, prepLeadMinutes: 30, heldTickets: ['kitchen', 'driver'] };
const options = {
  routing,
  enabledTickets: ['kitchen', 'customer', 'driver'] as TicketKind[],
  rules: defaultPriorityRules,
  hold,
};
/** 14:00 on the day; the guest wants the food at 19:30. */
const now = new Date('2025-01-10T14:00:00.000Z');
const pickupAt = (at: string) => anOrder({ fulfilment: { kind: 'pickup', wanted: { kind: 'at', at } } });
const deliveryIn = (from: string, to: string) =>
  anOrder({ fulfilment: { kind: 'delivery', wanted: { kind: 'slot', from, to } } });

const heldOf = (events: ReturnType<typeof printJobsForOrder>) =>
  events.map((event) => [event.data.ticket, event.data.notBefore, event.data.slotStartsAt]);

test('a pickup at 19:30 ordered at 14:00 holds the kitchen ticket until 19:00; the receipt prints at once', () => {
  assert.deepEqual(heldOf(printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), options, now)), [
    ['kitchen', '2025-01-10T19:00:00.000Z', '2025-01-10T19:30:00.000Z'],
    ['customer', undefined, undefined],
  ]);
});

test('a delivery slot holds the kitchen ticket and the driver slip from the slot start', () => {
  const order = deliveryIn('2025-01-11T12:00:00.000Z', '2025-01-11T12:30:00.000Z');
  assert.deepEqual(heldOf(printJobsForOrder(order, options, now)), [
    ['kitchen', '2025-01-11T11:30:00.000Z', '2025-01-11T12:00:00.000Z'],
    ['customer', undefined, undefined],
    ['driver', '2025-01-11T11:30:00.000Z', '2025-01-11T12:00:00.000Z'],
  ]);
});

test('ASAP orders and slots within the horizon print at once, as before', () => {
  assert.deepEqual(heldOf(printJobsForOrder(anOrder(), options, now)), [
    ['kitchen', undefined, undefined],
    ['customer', undefined, undefined],
  ]);
  const ninetyAhead = pickupAt('2025-01-10T15:30:00.000Z');
  assert.equal(printJobsForOrder(ninetyAhead, options, now)[0]!.data.notBefore, undefined);
  const justBeyond = pickupAt('2025-01-10T15:30:01.000Z');
  assert.equal(printJobsForOrder(justBeyond, options, now)[0]!.data.notBefore, '2025-01-10T15:00:01.000Z');
});

test('each ticket kind follows its own policy', () => {
  const everything = { ...options, hold: { ...hold, heldTickets: ['customer'] as TicketKind[] } };
  assert.deepEqual(
    heldOf(printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), everything, now)).map(([t, at]) => [
      t,
      at,
    ]),
    [
      ['kitchen', undefined],
      ['customer', '2025-01-10T19:00:00.000Z'],
    ],
  );
});

function jobOf(events: ReturnType<typeof printJobsForOrder>, ticket: TicketKind): PrintJobView {
  const queued = events.find((event) => event.data.ticket === ticket)!;
  return evolvePrintJob(undefined, logEvent('PrintJobQueued', queued.data, 1))!;
}

test('a held ticket is scheduled; released it joins the queue, its wait counted from the release', () => {
  const job = jobOf(printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), options, now), 'kitchen');
  assert.equal(job.state, 'scheduled');
  assert.equal(job.notBefore, '2025-01-10T19:00:00.000Z');
  const started = evolvePrintJob(
    job,
    logEvent('PrintAttemptStarted', { jobId: job.jobId, printer: 'kitchen', attempt: 1 }, 2),
  );
  assert.equal(started?.state, 'scheduled', 'nothing starts a held ticket before its release');
  const released = evolvePrintJob(
    job,
    logEvent('PrintJobReleased', { jobId: job.jobId, reason: 'due' }, 3, '2025-01-10T19:00:00.000Z'),
  )!;
  assert.equal(released.state, 'queued');
  assert.equal(released.queuedAt, '2025-01-10T19:00:00.000Z');
  assert.equal(released.notBefore, '2025-01-10T19:00:00.000Z', 'the history still shows it was held');
});

test('the guest moves the slot: the hold follows it, or ends when the slot is now near', () => {
  const job = jobOf(printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), options, now), 'kitchen');
  const [moved] = holdMovesFor(pickupAt('2025-01-10T20:30:00.000Z'), [job], hold, now);
  assert.equal(moved?.type, 'PrintJobScheduled');
  assert.deepEqual(moved?.data, {
    jobId: 'order-1/kitchen',
    notBefore: '2025-01-10T20:00:00.000Z',
    slotStartsAt: '2025-01-10T20:30:00.000Z',
    reason: 'order changed in Wix',
  });
  const rescheduled = evolvePrintJob(job, logEvent('PrintJobScheduled', moved!.data as never, 2))!;
  assert.equal(rescheduled.notBefore, '2025-01-10T20:00:00.000Z');
  assert.deepEqual(holdMovesFor(pickupAt('2025-01-10T20:30:00.000Z'), [rescheduled], hold, now), []);
  const [near] = holdMovesFor(pickupAt('2025-01-10T15:00:00.000Z'), [rescheduled], hold, now);
  assert.equal(near?.type, 'PrintJobReleased');
  assert.deepEqual(near?.data, { jobId: 'order-1/kitchen', reason: 'order-changed' });
  assert.deepEqual(holdMovesFor(anOrder(), [{ ...job, state: 'printed' }], hold, now), []);
});

test('cancelling before the ticket printed withdraws the held ticket and prints no slip', () => {
  const job = jobOf(printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), options, now), 'kitchen');
  const events = cancellationJobFor(anOrder(), false, { routing, jobs: [job], reason: 'guest cancelled' });
  assert.deepEqual(
    events.map((event) => [event.type, event.data.jobId]),
    [['PrintJobCancelled', 'order-1/kitchen']],
  );
  const cancelled = evolvePrintJob(job, logEvent('PrintJobCancelled', { jobId: job.jobId, reason: 'x' }, 2));
  assert.equal(cancelled?.state, 'cancelled');
});

test('a held ticket is late on purpose: it does not count toward the print latency', () => {
  const [kitchen, customer] = printJobsForOrder(pickupAt('2025-01-10T19:30:00.000Z'), options, now);
  assert.equal(timedTicketOf(logEvent('PrintJobQueued', kitchen!.data, 1)), undefined);
  assert.equal(timedTicketOf(logEvent('PrintJobQueued', customer!.data, 2))?.ticket, 'customer');
});

test.run();
