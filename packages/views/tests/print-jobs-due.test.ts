import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { givenJobsTable, jobEvent, queued } from './given-log.ts';

const tables = givenJobsTable;

test('given a job refused in the very instant its printer was seen back, it keeps its backoff: the refusal came after', () => {
  const { jobs, when, at } = tables();
  when(queued('a/kitchen'));
  when(
    jobEvent('PrintAttemptStarted', { jobId: 'a/kitchen', printer: 'kitchen', attempt: 1 }),
    jobEvent('PrintAttemptFailed', {
      jobId: 'a/kitchen',
      printer: 'kitchen',
      attempt: 1,
      failure: 'refused',
      counted: false,
      nextAttemptAt: at(60),
    }),
  );
  const refusedAt = jobs.job('a/kitchen')?.lastFailedAt ?? '';
  assert.is(jobs.nextDue('kitchen', at(10), refusedAt, []), undefined);
  const later = new Date(Date.parse(refusedAt) + 1).toISOString();
  assert.is(jobs.nextDue('kitchen', at(10), later, [])?.jobId, 'a/kitchen');
});

test('given many jobs the saga has just written to, the next one after them is still found', () => {
  const { jobs, when, at } = tables();
  const ids = Array.from({ length: 70 }, (_, index) => `o${String(index).padStart(2, '0')}/kitchen`);
  when(...ids.map((jobId) => queued(jobId)));
  assert.is(jobs.nextDue('kitchen', at(1), undefined, ids.slice(0, 65))?.jobId, ids[65]);
  assert.is(jobs.nextDue('kitchen', at(1), undefined, ids), undefined);
});

test('given held pre-order tickets, the table names the earliest hold and hands over only those due', () => {
  const { jobs, when, at } = tables();
  when(
    queued('a/kitchen', 'kitchen', { notBefore: at(120), slotStartsAt: at(150) }),
    queued('b/kitchen', 'kitchen', { notBefore: at(60), slotStartsAt: at(90) }),
    queued('c/kitchen', 'front', { notBefore: at(30), slotStartsAt: at(60) }),
  );
  assert.is(jobs.job('a/kitchen')?.state, 'scheduled');
  assert.is(jobs.job('a/kitchen')?.slotStartsAt, at(150));
  assert.is(
    jobs.nextDue('kitchen', at(500), undefined, []),
    undefined,
    'a held ticket is never due to print',
  );
  assert.is(jobs.earliestHold('kitchen'), at(60));
  assert.equal(jobs.dueHolds('kitchen', at(59)), []);
  assert.equal(
    jobs.dueHolds('kitchen', at(500)).map((job) => job.jobId),
    ['b/kitchen', 'a/kitchen'],
  );
  when(jobEvent('PrintJobReleased', { jobId: 'b/kitchen', reason: 'due' }));
  assert.is(jobs.earliestHold('kitchen'), at(120));
  assert.is(jobs.nextDue('kitchen', at(60), undefined, [])?.jobId, 'b/kitchen');
  assert.is(jobs.summary(new Date(at(60))).byState.scheduled, 2);
});

test.run();
