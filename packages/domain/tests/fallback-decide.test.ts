import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  decideFallback,
  type EventDataByType,
  evolvePrintJob,
  type FallbackSituation,
  type PrintJobView,
} from '../src/index.ts';
import { logEvent, queued } from './saga-support/fixtures.ts';

const at = (seconds: number) => new Date(Date.parse('2025-01-10T20:00:00.000Z') + seconds * 1000);

function waiting(jobId: string, overrides: Partial<PrintJobView> = {}): PrintJobView {
  return { ...evolvePrintJob(undefined, logEvent('PrintJobQueued', queued(jobId).data, 1))!, ...overrides };
}

const kitchenDown: FallbackSituation = {
  printer: 'kitchen',
  fallback: 'bar',
  status: 'paper-end',
  since: at(0).toISOString(),
  fallbackStatus: 'online',
  failedOver: false,
  changes: 0,
  waiting: [waiting('o1/kitchen', { version: 1 })],
  now: at(60),
  afterMs: 120_000,
};

test('a printer down less than the wait keeps its tickets, and asks to look again when the wait runs out', () => {
  const decision = decideFallback(kitchenDown);
  assert.deepEqual(decision.events, []);
  assert.equal(decision.wakeAt, at(120).toISOString());
});

test('down for the whole wait with tickets waiting: it fails over and its tickets move, each guarded by its version', () => {
  const decision = decideFallback({
    ...kitchenDown,
    now: at(120),
    waiting: [waiting('o1/kitchen', { version: 1 }), waiting('o2/kitchen', { version: 4 })],
  });
  assert.deepEqual(
    decision.events.map((event) => [event.type, event.id]),
    [
      ['PrinterFailedOver', 'printer-failed-over:kitchen#1'],
      ['PrintJobRerouted', 'print-job-rerouted:o1/kitchen#2'],
      ['PrintJobRerouted', 'print-job-rerouted:o2/kitchen#5'],
    ],
  );
  assert.deepEqual(decision.events[0]!.data, {
    printer: 'kitchen',
    fallback: 'bar',
    downSince: at(0).toISOString(),
    waiting: 2,
  });
  assert.deepEqual(decision.expectedVersion, { 'print-job-o1/kitchen': 1, 'print-job-o2/kitchen': 4 });
});

test('nothing waiting, an unprobed printer, or a fallback that is down too: nothing moves', () => {
  assert.deepEqual(decideFallback({ ...kitchenDown, now: at(500), waiting: [] }).events, []);
  assert.deepEqual(decideFallback({ ...kitchenDown, now: at(500), status: 'unknown' }).events, []);
  assert.deepEqual(decideFallback({ ...kitchenDown, now: at(500), fallbackStatus: 'offline' }).events, []);
});

test('while failed over, new tickets go straight to the fallback', () => {
  const decision = decideFallback({ ...kitchenDown, failedOver: true, changes: 1, now: at(130) });
  assert.deepEqual(
    decision.events.map((event) => event.type),
    ['PrintJobRerouted'],
  );
});

test('printing again, it fails back once; tickets already moved stay on the fallback', () => {
  const back = decideFallback({
    ...kitchenDown,
    status: 'online',
    failedOver: true,
    changes: 1,
    waiting: [],
  });
  assert.deepEqual(
    back.events.map((event) => [event.type, event.id, event.data]),
    [['PrinterFailedBack', 'printer-failed-back:kitchen#2', { printer: 'kitchen', fallback: 'bar' }]],
  );
  assert.deepEqual(decideFallback({ ...kitchenDown, status: 'online' }).events, []);
});

test('a ticket an attempt reached the first printer with is marked a possible duplicate on the fallback', () => {
  const reached = waiting('o1/kitchen', { state: 'retry-wait', attempts: 1, lastFailureCounted: true });
  const refused = waiting('o2/kitchen', { state: 'retry-wait', totalAttempts: 3, lastFailureCounted: false });
  const decision = decideFallback({ ...kitchenDown, now: at(200), waiting: [reached, refused] });
  const moved = decision.events.slice(1).map((event) => event.data as EventDataByType['PrintJobRerouted']);
  assert.deepEqual(
    moved.map((data) => [data.jobId, data.possibleDuplicate]),
    [
      ['o1/kitchen', true],
      ['o2/kitchen', false],
    ],
  );
});

test('a moved ticket is queued on the fallback at once, says where it belongs, and keeps its attempt numbers', () => {
  const job = waiting('o1/kitchen', {
    state: 'retry-wait',
    attempts: 2,
    totalAttempts: 5,
    nextAttemptAt: at(999).toISOString(),
  });
  const moved = evolvePrintJob(
    job,
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o1/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: true },
      9,
    ),
  )!;
  assert.equal(moved.state, 'queued');
  assert.equal(moved.printer, 'bar');
  assert.equal(moved.fallbackFor, 'kitchen');
  assert.equal(moved.possibleDuplicate, true);
  assert.equal(moved.nextAttemptAt, undefined);
  assert.equal(moved.attempts, 0);
  assert.equal(moved.totalAttempts, 5, 'the next attempt still gets a new number');
  const printing = { ...job, state: 'printing' as const };
  const untouched = evolvePrintJob(
    printing,
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o1/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: false },
      9,
    ),
  );
  assert.equal(untouched?.printer, 'kitchen', 'a ticket mid-print is never moved');
});

test.run();
