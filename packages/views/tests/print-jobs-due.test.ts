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

test.run();
