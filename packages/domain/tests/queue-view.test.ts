import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  type AnyDomainEvent,
  initialPrintQueue,
  type PrintQueue,
  queueSummary,
  reducePrintQueue,
} from '../src/index.ts';
import { logEvent, queued, t0 } from './saga-support/fixtures.ts';

const at = (ms: number) => new Date(t0 + ms);
const iso = (ms: number) => at(ms).toISOString();

function fold(...events: AnyDomainEvent[]): PrintQueue {
  return events.reduce(reducePrintQueue, initialPrintQueue);
}
let position = 0;
const q = (jobId: string, overrides: Parameters<typeof queued>[1] = {}, ms = 0) =>
  logEvent('PrintJobQueued', queued(jobId, overrides).data, ++position, iso(ms));
const started = (jobId: string, attempt: number) =>
  logEvent('PrintAttemptStarted', { jobId, printer: 'kitchen', attempt }, ++position);
const failed = (jobId: string, attempt: number, counted: boolean, nextMs: number) =>
  logEvent(
    'PrintAttemptFailed',
    {
      jobId,
      printer: 'kitchen',
      attempt,
      failure: counted ? 'timeout' : 'refused',
      detail: 'd',
      counted,
      nextAttemptAt: iso(nextMs),
    },
    ++position,
  );

test('a queued job waits, with its place in line and time', () => {
  const job = fold(q('o1/kitchen', {}, 5)).jobs.get('o1/kitchen')!;
  assert.equal(job.state, 'queued');
  assert.equal(job.queuedAt, iso(5));
  assert.equal(job.attempts, 0);
  assert.equal(job.possibleDuplicate, false);
});

test('queueing the same job twice changes nothing', () => {
  const once = fold(q('o1/kitchen'));
  assert.equal(reducePrintQueue(once, q('o1/kitchen', { priority: 'critical' })), once);
});

test('attempts: started → printing, failed → retry-wait, counting only attempts that reached the printer', () => {
  const queue = fold(q('o1/kitchen'), started('o1/kitchen', 1), failed('o1/kitchen', 1, false, 500));
  const job = queue.jobs.get('o1/kitchen')!;
  assert.deepEqual(
    [job.state, job.attempts, job.totalAttempts, job.nextAttemptAt, job.lastFailure, job.lastFailureCounted],
    ['retry-wait', 0, 1, iso(500), 'refused', false],
  );
  const later = [started('o1/kitchen', 2), failed('o1/kitchen', 2, true, 900)].reduce(
    reducePrintQueue,
    queue,
  );
  assert.deepEqual(
    [later.jobs.get('o1/kitchen')!.attempts, later.jobs.get('o1/kitchen')!.totalAttempts],
    [1, 2],
  );
});

test('printed, gave up, revived and cancelled', () => {
  const printed = fold(
    q('o1/kitchen'),
    started('o1/kitchen', 1),
    logEvent(
      'PrintJobPrinted',
      { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1, confirmation: 'written' },
      ++position,
      iso(9),
    ),
  ).jobs.get('o1/kitchen')!;
  assert.deepEqual([printed.state, printed.confirmation, printed.printedAt], ['printed', 'written', iso(9)]);

  const gaveUp = fold(
    q('o2/kitchen'),
    started('o2/kitchen', 1),
    failed('o2/kitchen', 1, true, 5),
    logEvent(
      'PrintJobGaveUp',
      { jobId: 'o2/kitchen', printer: 'kitchen', attempts: 1, lastFailure: 'timeout' },
      ++position,
    ),
  );
  assert.equal(gaveUp.jobs.get('o2/kitchen')!.state, 'gave-up');
  assert.equal(gaveUp.jobs.get('o2/kitchen')!.nextAttemptAt, undefined);
  const revived = reducePrintQueue(gaveUp, logEvent('PrintJobRevived', { jobId: 'o2/kitchen' }, ++position));
  assert.deepEqual(
    [revived.jobs.get('o2/kitchen')!.state, revived.jobs.get('o2/kitchen')!.attempts],
    ['queued', 0],
  );

  const cancelled = reducePrintQueue(
    revived,
    logEvent('PrintJobCancelled', { jobId: 'o2/kitchen', reason: 'x' }, ++position),
  );
  assert.equal(cancelled.jobs.get('o2/kitchen')!.state, 'cancelled');
});

test('finished jobs stay finished; events for unknown jobs or other facts change nothing', () => {
  const done = fold(
    q('o1/kitchen'),
    logEvent('PrintJobCancelled', { jobId: 'o1/kitchen', reason: 'x' }, ++position),
  );
  for (const event of [
    started('o1/kitchen', 1),
    failed('o1/kitchen', 1, true, 1),
    logEvent(
      'PrintJobGaveUp',
      { jobId: 'o1/kitchen', printer: 'kitchen', attempts: 1, lastFailure: 'error' },
      ++position,
    ),
    logEvent('PrintJobRevived', { jobId: 'o1/kitchen' }, ++position),
    logEvent('PrintJobRequeued', { jobId: 'o1/kitchen', reason: 'crash-recovery' }, ++position),
    logEvent('PrintJobCancelled', { jobId: 'o1/kitchen', reason: 'again' }, ++position),
    logEvent('PrintJobRevived', { jobId: 'nobody' }, ++position),
    logEvent('ServiceStopped', { reason: 'x' }, ++position),
  ]) {
    assert.equal(reducePrintQueue(done, event), done, event.type);
  }
});

test('the summary counts by state and printer, and tells the oldest wait and the next retry', () => {
  const queue = fold(
    q('o1/kitchen', {}, 0),
    q('o2/kitchen', {}, 1_000),
    q('o3/customer', { printer: 'front' }, 2_000),
    started('o1/kitchen', 1),
    failed('o1/kitchen', 1, true, 9_000),
    started('o2/kitchen', 1),
    failed('o2/kitchen', 1, true, 7_000),
    logEvent(
      'PrintJobPrinted',
      { jobId: 'o3/customer', printer: 'front', attempt: 1, confirmation: 'confirmed' },
      ++position,
    ),
  );
  const summary = queueSummary(queue, at(5_000));
  assert.equal(summary.total, 3);
  assert.equal(summary.byState['retry-wait'], 2);
  assert.equal(summary.byState.printed, 1);
  assert.equal(summary.byState.queued, 0);
  assert.equal(summary.byPrinter.kitchen!['retry-wait'], 2);
  assert.equal(summary.byPrinter.front!.printed, 1);
  assert.equal(summary.oldestWaitingMs, 5_000);
  assert.equal(summary.oldestWaitingJobId, 'o1/kitchen');
  assert.equal(summary.nextAttemptAt, iso(7_000));
});

test('an empty queue summarises to nothing waiting', () => {
  const summary = queueSummary(initialPrintQueue, at(0));
  assert.deepEqual([summary.total, summary.oldestWaitingMs, summary.nextAttemptAt], [0, null, null]);
});

test.run();
