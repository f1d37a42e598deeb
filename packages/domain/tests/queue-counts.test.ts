import assert from 'node:assert/strict';
import { test } from 'uvu';
import { initialPrintQueue, queueSummary, reducePrintQueue, unfinishedJobs } from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const { given } = specify(reducePrintQueue, initialPrintQueue);
const event = eventLog();
const queued = (jobId: string, printer: string, at: string) =>
  event('PrintJobQueued', at, {
    jobId,
    orderId: jobId.split('/')[0]!,
    ticket: 'kitchen',
    printer,
    priority: 'normal',
    reprint: false,
  });

test('given jobs that printed, failed and were cancelled, the counts and the unfinished set follow every change', () => {
  given(
    queued('o1/kitchen', 'kitchen', '2026-11-27T19:00:00.000Z'),
    queued('o2/kitchen', 'kitchen', '2026-11-27T19:01:00.000Z'),
    queued('o3/kitchen', 'counter', '2026-11-27T19:02:00.000Z'),
    event('PrintAttemptStarted', '2026-11-27T19:03:00.000Z', {
      jobId: 'o1/kitchen',
      printer: 'kitchen',
      attempt: 1,
    }),
    event('PrintJobPrinted', '2026-11-27T19:03:01.000Z', {
      jobId: 'o1/kitchen',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'confirmed',
    }),
  )
    .when(
      event('PrintJobCancelled', '2026-11-27T19:04:00.000Z', { jobId: 'o3/kitchen', reason: 'guest called' }),
    )
    .then((queue) => {
      assert.deepEqual(queue.counts.kitchen, {
        queued: 1,
        printing: 0,
        'retry-wait': 0,
        printed: 1,
        'gave-up': 0,
        cancelled: 0,
      });
      assert.deepEqual(queue.counts.counter, {
        queued: 0,
        printing: 0,
        'retry-wait': 0,
        printed: 0,
        'gave-up': 0,
        cancelled: 1,
      });
      assert.deepEqual(
        unfinishedJobs(queue).map((job) => job.jobId),
        ['o2/kitchen'],
      );
      const summary = queueSummary(queue, new Date('2026-11-27T19:11:00.000Z'));
      assert.equal(summary.total, 3);
      assert.equal(summary.byState.printed, 1);
      assert.equal(summary.oldestWaitingJobId, 'o2/kitchen');
      assert.equal(summary.oldestWaitingMs, 600_000);
    });
});

test.run();
