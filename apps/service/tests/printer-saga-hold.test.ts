import assert from 'node:assert/strict';
import { test } from 'uvu';
import { flushMs, harness, queued } from './printer-saga-support/harness.ts';

const hour = 3_600_000;

/** A pre-order's kitchen ticket held until one hour into the (virtual) evening. */
const heldFor = (jobId: string, notBefore: number) => {
  const fact = queued(jobId);
  return {
    ...fact,
    data: {
      ...fact.data,
      notBefore: new Date(notBefore).toISOString(),
      slotStartsAt: new Date(notBefore + 30 * 60_000).toISOString(),
    },
  };
};

test('the saga wakes by itself at prep time and prints the held ticket then, not before', async () => {
  const run = harness({ history: [heldFor('o1/kitchen', hour)] });
  await run.advanceTo(hour - 1);
  assert.equal(run.prints.length, 0, 'nothing prints an hour early');
  await run.advanceTo(hour + 3 * flushMs);
  assert.deepEqual(
    run.prints.map((print) => print.jobId),
    ['o1/kitchen'],
  );
  assert.ok(
    run.prints[0]!.at - hour <= 2 * flushMs,
    `printed ${run.prints[0]!.at - hour} ms after prep time`,
  );
  assert.deepEqual(run.types().slice(1), ['PrintJobReleased', 'PrintAttemptStarted', 'PrintJobPrinted']);
});

test('a guest who moves the slot moves the wake-up with it', async () => {
  const run = harness({ history: [heldFor('o1/kitchen', hour)] });
  await run.advanceTo(10);
  run.record({
    type: 'PrintJobScheduled',
    data: {
      jobId: 'o1/kitchen',
      notBefore: new Date(2 * hour).toISOString(),
      slotStartsAt: new Date(2 * hour + 30 * 60_000).toISOString(),
      reason: 'order changed in Wix',
    },
  });
  await run.advanceTo(2 * hour - 1);
  assert.equal(run.prints.length, 0);
  await run.advanceTo(2 * hour + 3 * flushMs);
  assert.deepEqual(
    run.prints.map((print) => print.jobId),
    ['o1/kitchen'],
  );
});

test.run();
