import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { EventDataByType } from '../src/index.ts';
import { cancelled, config, queued } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

const failedData = (result: { appended: { type: string; data: unknown }[] }) =>
  result.appended.find((event) => event.type === 'PrintAttemptFailed')
    ?.data as EventDataByType['PrintAttemptFailed'];

test('a failure waits out a jittered backoff, then tries again', () => {
  given([queued('o1/kitchen')])
    .when(outcome.failed('o1/kitchen', 'timeout'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintAttemptFailed']);
      assert.deepEqual(failedData(result), {
        jobId: 'o1/kitchen',
        printer: 'kitchen',
        attempt: 1,
        failure: 'timeout',
        detail: 'printer said timeout',
        counted: true,
        nextAttemptAt: '2025-01-10T18:00:00.500Z',
      });
      assert.deepEqual(result.printed, []);
      assert.deepEqual(result.wakes, [500], 'the shell is asked to wake the saga when the retry is due');
    })
    .at(499)
    .when({ kind: 'tick' })
    .then((result) => assert.deepEqual(result.printed, []))
    .at(500)
    .when({ kind: 'tick' })
    .then((result) => {
      assert.deepEqual(result.printed, ['o1/kitchen']);
      assert.equal((result.appended[0]!.data as { attempt: number }).attempt, 2);
    })
    .when(outcome.failed('o1/kitchen', 'reset-mid-job', false))
    .then((result) => {
      assert.equal(failedData(result).nextAttemptAt, '2025-01-10T18:00:01.500Z', 'second wait: half of 2 s');
      assert.equal(failedData(result).counted, true, 'a reset mid-job reached the printer');
    });
});

test('a printer that is simply off does not burn attempts', () => {
  const scenario = given([queued('o1/kitchen')]);
  scenario.when(outcome.off('o1/kitchen')).then((result) => assert.equal(failedData(result).counted, false));
  const job = scenario.job('o1/kitchen')!;
  assert.equal(job.attempts, 0);
  assert.equal(job.totalAttempts, 1);
  assert.equal(job.state, 'retry-wait');
});

const patientBreaker = { ...config, breaker: { failureThreshold: 9 } };

test('after maxAttempts counted attempts the job is given up', () => {
  const scenario = given([queued('o1/kitchen')], { config: patientBreaker });
  scenario
    .when(outcome.failed('o1/kitchen', 'error'))
    .at(500)
    .when({ kind: 'tick' }, outcome.failed('o1/kitchen', 'error'))
    .at(1_500)
    .when({ kind: 'tick' }, outcome.failed('o1/kitchen', 'error'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintAttemptStarted', 'PrintAttemptFailed', 'PrintJobGaveUp']);
      assert.deepEqual(result.appended[2]!.data, {
        jobId: 'o1/kitchen',
        printer: 'kitchen',
        attempts: 3,
        lastFailure: 'error',
      });
      assert.equal(scenario.job('o1/kitchen')!.state, 'gave-up');
    })
    .at(600_000)
    .when({ kind: 'tick' })
    .then((result) => assert.deepEqual(result.printed, [], 'a given-up job waits for a person'));
});

test('a revived job prints again with a fresh budget', () => {
  const gaveUp = {
    type: 'PrintJobGaveUp',
    data: { jobId: 'o1/kitchen', printer: 'kitchen', attempts: 3, lastFailure: 'error' },
  } as const;
  const started = (attempt: number) =>
    ({ type: 'PrintAttemptStarted', data: { jobId: 'o1/kitchen', printer: 'kitchen', attempt } }) as const;
  const failed = (attempt: number) =>
    ({
      type: 'PrintAttemptFailed',
      data: {
        jobId: 'o1/kitchen',
        printer: 'kitchen',
        attempt,
        failure: 'error',
        counted: true,
        nextAttemptAt: '2025-01-10T18:00:00.000Z',
      },
    }) as const;
  const scenario = given([
    queued('o1/kitchen'),
    started(1),
    failed(1),
    started(2),
    failed(2),
    started(3),
    failed(3),
    gaveUp,
  ]);
  assert.deepEqual(scenario.recovery.commands, []);
  scenario.when({ type: 'PrintJobRevived', data: { jobId: 'o1/kitchen' } }).then((result) => {
    assert.deepEqual(result.printed, ['o1/kitchen']);
    assert.equal(
      (result.appended[0]!.data as { attempt: number }).attempt,
      4,
      'attempt numbers keep counting',
    );
    assert.equal(scenario.job('o1/kitchen')!.attempts, 0);
  });
});

test('a failure on a job cancelled meanwhile is recorded but never given up', () => {
  const scenario = given([queued('o1/kitchen')], { config: { ...patientBreaker, maxAttempts: 1 } });
  scenario
    .when(cancelled('o1/kitchen'))
    .when(outcome.failed('o1/kitchen', 'error'))
    .then((result) => {
      assert.deepEqual(result.conflicts, ['print-job-o1/kitchen'], 'giving up needs the job untouched');
      assert.deepEqual(types(result), ['PrintAttemptFailed']);
      assert.equal(result.state.inFlight, undefined);
    });
  assert.equal(scenario.job('o1/kitchen')!.state, 'cancelled');
});

test.run();
