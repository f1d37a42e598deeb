import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { givenJobsTable, jobEvent, queued } from './given-log.ts';

const tables = givenJobsTable;

test('given tickets of every kind, the next due job is critical first, then kitchen before receipts, then FIFO', () => {
  const { jobs, when, at } = tables();
  when(
    queued('a/customer', 'kitchen', { ticket: 'customer' }),
    queued('b/kitchen'),
    queued('c/kitchen', 'kitchen', { priority: 'critical' }),
    queued('d/kitchen'),
    queued('e/kitchen', 'bar'),
  );
  const order: string[] = [];
  for (let job = jobs.nextDue('kitchen', at(60), undefined, []); job; ) {
    order.push(job.jobId);
    job = jobs.nextDue('kitchen', at(60), undefined, order);
  }
  assert.equal(order, ['c/kitchen', 'b/kitchen', 'd/kitchen', 'a/customer']);
});

test('given a failed attempt, the job is due after its backoff, or at once when it only waited for the printer', () => {
  const { jobs, when, at } = tables();
  when(queued('a/kitchen'), queued('b/kitchen'));
  when(
    jobEvent('PrintAttemptStarted', { jobId: 'a/kitchen', printer: 'kitchen', attempt: 1 }),
    jobEvent('PrintAttemptFailed', {
      jobId: 'a/kitchen',
      printer: 'kitchen',
      attempt: 1,
      failure: 'reset-mid-job',
      counted: true,
      nextAttemptAt: at(100),
    }),
    jobEvent('PrintAttemptStarted', { jobId: 'b/kitchen', printer: 'kitchen', attempt: 1 }),
    jobEvent('PrintAttemptFailed', {
      jobId: 'b/kitchen',
      printer: 'kitchen',
      attempt: 1,
      failure: 'refused',
      counted: false,
      nextAttemptAt: at(200),
    }),
  );
  assert.is(jobs.nextDue('kitchen', at(50), undefined, []), undefined);
  assert.is(jobs.nextDue('kitchen', at(50), at(40), [])?.jobId, 'b/kitchen', 'the printer is back');
  assert.is(jobs.nextDue('kitchen', at(100), undefined, [])?.jobId, 'a/kitchen');
  assert.is(jobs.earliestRetry('kitchen'), at(100));
  const a = jobs.job('a/kitchen');
  assert.is(a?.state, 'retry-wait');
  assert.is(a?.attempts, 1);
  assert.is(a?.version, 3);
  assert.is(jobs.job('b/kitchen')?.attempts, 0, 'a printer that was off burns no attempt');
});

test('given jobs in flight, printed and given up, the summary counts them and names the oldest waiting', () => {
  const { jobs, when, at } = tables();
  when(queued('a/kitchen'), queued('b/kitchen'), queued('c/kitchen', 'bar'), queued('d/kitchen', 'bar'));
  when(
    jobEvent('PrintAttemptStarted', { jobId: 'a/kitchen', printer: 'kitchen', attempt: 1 }),
    jobEvent('PrintJobPrinted', {
      jobId: 'a/kitchen',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'confirmed',
    }),
    jobEvent('PrintAttemptStarted', { jobId: 'c/kitchen', printer: 'bar', attempt: 1 }),
    jobEvent('PrintJobGaveUp', { jobId: 'd/kitchen', printer: 'bar', attempts: 3, lastFailure: 'error' }),
  );
  const summary = jobs.summary(new Date(at(64)));
  assert.is(summary.total, 4);
  assert.equal(summary.byState, {
    scheduled: 0,
    queued: 1,
    printing: 1,
    'retry-wait': 0,
    printed: 1,
    'gave-up': 1,
    cancelled: 0,
  });
  assert.is(summary.byPrinter.bar?.printing, 1);
  assert.is(summary.oldestWaitingJobId, 'b/kitchen');
  assert.is(summary.oldestWaitingMs, 63_000);
  assert.equal(
    jobs.backlog().sort((x, y) => x.printer.localeCompare(y.printer)),
    [
      { printer: 'bar', waiting: 1, due: 0, oldestQueuedAt: at(1) },
      { printer: 'kitchen', waiting: 1, due: 1, oldestQueuedAt: at(1) },
    ],
  );
  assert.equal(
    jobs.printing('bar').map((job) => job.jobId),
    ['c/kitchen'],
  );
});

test('job lists page newest first by keyset, filtered by state, printer and order', () => {
  const { jobs, when } = tables();
  when(...Array.from({ length: 7 }, (_, n) => queued(`o${n}/kitchen`, n % 2 ? 'bar' : 'kitchen')));
  const first = jobs.list({ limit: 3 });
  assert.equal(
    first.map((job) => job.jobId),
    ['o6/kitchen', 'o5/kitchen', 'o4/kitchen'],
  );
  const second = jobs.list({ limit: 3, before: first[2]!.sequence });
  assert.equal(
    second.map((job) => job.jobId),
    ['o3/kitchen', 'o2/kitchen', 'o1/kitchen'],
  );
  assert.equal(
    jobs.list({ limit: 10, printer: 'bar', state: 'queued' }).map((job) => job.jobId),
    ['o5/kitchen', 'o3/kitchen', 'o1/kitchen'],
  );
  assert.equal(
    jobs.jobsOfOrder('o4').map((job) => job.jobId),
    ['o4/kitchen'],
  );
  assert.equal(
    jobs.list({ limit: 10, order: 'o4' }).map((job) => job.jobId),
    ['o4/kitchen'],
  );
});

test.run();
