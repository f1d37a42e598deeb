import assert from 'node:assert/strict';
import { test } from 'uvu';
import { type AnyDomainEvent, evolvePrintJob, jobIdOf, type PrintJobView } from '../src/index.ts';
import { logEvent, queued, t0 } from './saga-support/fixtures.ts';

const at = (ms: number) => new Date(t0 + ms);
const iso = (ms: number) => at(ms).toISOString();

/** The jobs after these events, each evolved through the one job lifecycle. */
function fold(...events: AnyDomainEvent[]): { jobs: Map<string, PrintJobView> } {
  const jobs = new Map<string, PrintJobView>();
  for (const event of events) {
    const jobId = jobIdOf(event);
    const job = jobId === undefined ? undefined : evolvePrintJob(jobs.get(jobId), event);
    if (job) jobs.set(job.jobId, job);
  }
  return { jobs };
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
  const once = fold(q('o1/kitchen')).jobs.get('o1/kitchen')!;
  assert.equal(evolvePrintJob(once, q('o1/kitchen', { priority: 'critical' })), once);
});

test('attempts: started → printing, failed → retry-wait, counting only attempts that reached the printer', () => {
  const queue = fold(q('o1/kitchen'), started('o1/kitchen', 1), failed('o1/kitchen', 1, false, 500));
  const job = queue.jobs.get('o1/kitchen')!;
  assert.deepEqual(
    [job.state, job.attempts, job.totalAttempts, job.nextAttemptAt, job.lastFailure, job.lastFailureCounted],
    ['retry-wait', 0, 1, iso(500), 'refused', false],
  );
  const later = [started('o1/kitchen', 2), failed('o1/kitchen', 2, true, 900)].reduce(
    (current, event) => evolvePrintJob(current, event),
    job as PrintJobView | undefined,
  );
  assert.deepEqual([later?.attempts, later?.totalAttempts], [1, 2]);
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
  const revived = evolvePrintJob(
    gaveUp.jobs.get('o2/kitchen'),
    logEvent('PrintJobRevived', { jobId: 'o2/kitchen' }, ++position),
  );
  assert.deepEqual([revived?.state, revived?.attempts], ['queued', 0]);

  const cancelled = evolvePrintJob(
    revived,
    logEvent('PrintJobCancelled', { jobId: 'o2/kitchen', reason: 'x' }, ++position),
  );
  assert.equal(cancelled?.state, 'cancelled');
});

test('finished jobs stay finished; events for other jobs or other facts change nothing', () => {
  const done = fold(
    q('o1/kitchen'),
    logEvent('PrintJobCancelled', { jobId: 'o1/kitchen', reason: 'x' }, ++position),
  ).jobs.get('o1/kitchen')!;
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
    assert.equal(evolvePrintJob(done, event), done, event.type);
  }
});

test.run();
