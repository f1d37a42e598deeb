import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { EventDataByType } from '../src/index.ts';
import { queued } from './saga-support/fixtures.ts';
import { given } from './saga-support/given.ts';

test('a printer that took the job and never said whether it printed: the failure says so, and the next try is a POSSIBLE DUPLICATE', () => {
  const scenario = given([queued('o1/kitchen')]);
  scenario
    .when({
      kind: 'outcome',
      jobId: 'o1/kitchen',
      outcome: {
        ok: false,
        failure: 'timeout',
        detail: 'fetched, never confirmed',
        reachedPrinter: true,
        possibleDuplicate: true,
      },
    })
    .then((result) => {
      const failed = result.appended.find((event) => event.type === 'PrintAttemptFailed')
        ?.data as EventDataByType['PrintAttemptFailed'];
      assert.equal(failed.possibleDuplicate, true);
      assert.equal(failed.counted, true);
    });
  assert.equal(scenario.job('o1/kitchen')?.possibleDuplicate, true);
});

test('an ordinary failure marks nothing: the printer said it did not print', () => {
  const scenario = given([queued('o1/kitchen')]);
  scenario.when({
    kind: 'outcome',
    jobId: 'o1/kitchen',
    outcome: { ok: false, failure: 'error', detail: '510', reachedPrinter: true },
  });
  const failed = scenario.log.find((event) => event.type === 'PrintAttemptFailed')?.data as Record<
    string,
    unknown
  >;
  assert.equal('possibleDuplicate' in failed, false);
  assert.equal(scenario.job('o1/kitchen')?.possibleDuplicate, false);
});

test.run();
