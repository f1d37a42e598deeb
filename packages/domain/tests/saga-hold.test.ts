import assert from 'node:assert/strict';
import { test } from 'uvu';
import { queued, statusChanged } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

/** t0 is 18:00; a pre-order for 19:30 is held until 19:00. */
const hour = 3_600_000;
const heldUntil = (jobId: string, notBefore: string, priority: 'normal' | 'critical' = 'normal') =>
  queued(jobId, { notBefore, slotStartsAt: '2025-01-10T19:30:00.000Z', priority });

test('a held ticket does not print before prep time; the saga asks to be woken then', () => {
  given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')]).then((result) => {
    assert.deepEqual(result.printed, []);
    assert.deepEqual(result.wakes, [hour]);
  });
});

test('at prep time the saga releases the ticket in the log, then prints it', () => {
  given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')])
    .at(hour)
    .when({ kind: 'tick' })
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobReleased', 'PrintAttemptStarted']);
      assert.deepEqual(result.appended[0]!.data, { jobId: 'o1/kitchen', reason: 'due' });
      assert.equal(result.appended[0]!.id, 'print-job-released:o1/kitchen#2');
      assert.deepEqual(result.printed, ['o1/kitchen']);
    });
});

test('a box that was off at prep time releases every due ticket at start, and prints them by priority', () => {
  const scenario = given(
    [
      heldUntil('o1/kitchen', '2025-01-10T17:00:00.000Z'),
      heldUntil('o2/kitchen', '2025-01-10T17:30:00.000Z', 'critical'),
      heldUntil('o3/kitchen', '2025-01-10T21:00:00.000Z'),
    ],
    { resume: false },
  );
  scenario.when(scenario.resume()).then((result) => {
    assert.deepEqual(types(result), ['PrintJobReleased', 'PrintJobReleased', 'PrintAttemptStarted']);
    assert.equal(
      result.commands.filter((command) => command.kind === 'append').length,
      2,
      'one append releases both, one starts the best',
    );
    assert.deepEqual(result.printed, ['o2/kitchen'], 'the critical one first, though it was due later');
    assert.equal(scenario.job('o3/kitchen')?.state, 'scheduled');
  });
});

test('a hold falls due while the printer is down: released all the same, printed once it is back', () => {
  const scenario = given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')], {
    atStart: { status: 'offline' },
  });
  assert.deepEqual(scenario.recovery.wakes, [hour], 'a down printer still wakes for its holds');
  scenario
    .at(hour)
    .when({ kind: 'tick' })
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobReleased']);
      assert.deepEqual(result.printed, []);
    })
    .when(statusChanged('offline', 'online'))
    .then((result) => assert.deepEqual(result.printed, ['o1/kitchen']));
});

test('the sooner of a retry and a hold wakes the saga', () => {
  given([queued('o1/kitchen'), heldUntil('o2/kitchen', '2025-01-10T18:00:01.500Z')])
    .when(outcome.failed('o1/kitchen', 'timeout'))
    .then((result) => assert.equal(result.wakes.at(-1), 500, 'the retry, half a second out'))
    .at(500)
    .when({ kind: 'tick' }, outcome.printed('o1/kitchen'))
    .then((result) => assert.equal(result.wakes.at(-1), 1_500, 'then the hold'));
});

test('a hold moved later by the guest wakes the saga at the new time, not the old one', () => {
  const scenario = given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')]);
  scenario
    .when({
      type: 'PrintJobScheduled',
      data: {
        jobId: 'o1/kitchen',
        notBefore: '2025-01-10T20:00:00.000Z',
        slotStartsAt: '2025-01-10T20:30:00.000Z',
        reason: 'order changed in Wix',
      },
    })
    .then((result) => assert.equal(result.wakes.at(-1), 2 * hour))
    .at(hour)
    .when({ kind: 'tick' })
    .then((result) => assert.deepEqual(result.appended, [], 'nothing is due at the old time'));
});

test('"print now" from a person releases the ticket early and it prints at once', () => {
  given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')])
    .when({ type: 'PrintJobReleased', data: { jobId: 'o1/kitchen', reason: 'print-now' } })
    .then((result) => assert.deepEqual(result.printed, ['o1/kitchen']));
});

test('a held ticket cancelled before its time is never printed', () => {
  given([heldUntil('o1/kitchen', '2025-01-10T19:00:00.000Z')])
    .when({ type: 'PrintJobCancelled', data: { jobId: 'o1/kitchen', reason: 'guest' } })
    .at(hour)
    .when({ kind: 'tick' })
    .then((result) => {
      assert.deepEqual(result.appended, []);
      assert.deepEqual(result.printed, []);
    });
});

test.run();
