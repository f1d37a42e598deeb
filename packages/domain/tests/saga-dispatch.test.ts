import assert from 'node:assert/strict';
import { test } from 'uvu';
import { cancelled, queued } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

const appends = (result: { commands: { kind: string }[] }) =>
  result.commands.filter((command) => command.kind === 'append').length;

test('the first queued job is announced in the log, then sent', () => {
  const { recovery } = given([queued('o1/kitchen')]);
  assert.deepEqual(types(recovery), ['PrintAttemptStarted']);
  assert.deepEqual(recovery.appended[0]!.data, { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 });
  assert.equal(recovery.appended[0]!.id, 'print-attempt-started:o1/kitchen#1');
  assert.deepEqual(
    recovery.commands.map((command) => command.kind),
    ['append', 'print'],
    'the attempt is durable before a byte goes to the printer',
  );
  assert.deepEqual(recovery.printed, ['o1/kitchen']);
});

test('a critical ticket jumps the normal ones', () => {
  const { recovery } = given([queued('o1/kitchen'), queued('o2/kitchen', { priority: 'critical' })]);
  assert.deepEqual(recovery.printed, ['o2/kitchen']);
});

test('high beats normal, critical beats high', () => {
  given([
    queued('o1/kitchen'),
    queued('o2/kitchen', { priority: 'high' }),
    queued('o3/kitchen', { priority: 'critical' }),
  ])
    .when(outcome.printed('o3/kitchen'))
    .then((result) => assert.deepEqual(result.printed, ['o2/kitchen']));
});

test('the kitchen ticket comes before the customer receipt of the same priority', () => {
  const { recovery } = given([queued('o1/customer'), queued('o1/kitchen')]);
  assert.deepEqual(recovery.printed, ['o1/kitchen']);
});

test('equals print first in, first out; the outcome and the next start are one commit', () => {
  given([queued('o1/kitchen'), queued('o2/kitchen'), queued('o3/kitchen')])
    .when(outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobPrinted', 'PrintAttemptStarted']);
      assert.deepEqual(result.printed, ['o2/kitchen']);
      assert.equal(appends(result), 1);
    });
});

test('only one job is in flight per printer', () => {
  const scenario = given([queued('o1/kitchen'), queued('o2/kitchen')]);
  assert.deepEqual(scenario.recovery.printed, ['o1/kitchen']);
  scenario
    .when(queued('o3/kitchen', { priority: 'critical' }), { kind: 'tick' })
    .then((result) =>
      assert.deepEqual(result.printed, [], 'the critical one waits for the printer to finish'),
    )
    .when(outcome.printed('o1/kitchen'))
    .then((result) => assert.deepEqual(result.printed, ['o3/kitchen']));
});

test("jobs for other printers are none of this saga's business", () => {
  const { recovery } = given([queued('o1/customer', { printer: 'front' })]);
  assert.deepEqual(recovery.commands, []);
});

test('a printed job is recorded, nothing stays in flight, and the printer streak resets', () => {
  const scenario = given([queued('o1/kitchen')]);
  scenario.when(outcome.printed('o1/kitchen')).then((result) => {
    assert.deepEqual(result.appended[0]!.data, {
      jobId: 'o1/kitchen',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'confirmed',
    });
    assert.equal(result.state.inFlight, undefined);
    assert.equal(result.state.consecutiveFailures, 0);
  });
  assert.equal(scenario.job('o1/kitchen')!.state, 'printed');
});

test('nothing is sent before the saga resumes from the table', () => {
  const scenario = given([queued('o1/kitchen')], { resume: false });
  assert.deepEqual(scenario.recovery.commands, []);
  scenario.when({ kind: 'tick' }).then((result) => assert.deepEqual(result.commands, []));
  scenario.when(scenario.resume()).then((result) => assert.deepEqual(result.printed, ['o1/kitchen']));
});

test('an outcome for a job that is not in flight is ignored', () => {
  given([queued('o1/kitchen')])
    .when(outcome.printed('o9/kitchen'))
    .then((result) => assert.deepEqual(result.commands, []));
});

test('draining finishes the job in flight and starts no other', () => {
  given([queued('o1/kitchen'), queued('o2/kitchen')])
    .when({ kind: 'drain' }, outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobPrinted']);
      assert.deepEqual(result.printed, []);
    });
});

test('a table behind its own appends never makes the saga start a job twice', () => {
  const scenario = given([queued('o1/kitchen'), queued('o2/kitchen')], { commits: 'held' });
  assert.deepEqual(scenario.recovery.printed, ['o1/kitchen']);
  scenario
    .when(outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(result.printed, ['o2/kitchen'], 'o1 still reads as queued in the table');
      assert.deepEqual(result.conflicts, [], 'the saga knew, it did not have to find out');
    })
    .when(outcome.printed('o2/kitchen'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobPrinted']);
      assert.deepEqual(result.printed, []);
      assert.deepEqual(result.wakes, [], 'nothing to wait for: no timer spins on stale rows');
    });
  assert.deepEqual(scenario.commit().printed, [], 'the table catches up: both printed, nothing due');
});

test('a job a person cancels after the table was read is not started: the saga loses the race and moves on', () => {
  const scenario = given([queued('o1/kitchen'), queued('o2/kitchen')], { commits: 'held' });
  scenario.when(cancelled('o2/kitchen'), outcome.printed('o1/kitchen')).then((result) => {
    assert.deepEqual(result.conflicts, ['print-job-o2/kitchen']);
    assert.deepEqual(types(result), ['PrintJobPrinted'], "o1's outcome is recorded all the same");
    assert.deepEqual(result.printed, []);
  });
  assert.deepEqual(scenario.commit().printed, [], 'once the table shows the cancellation, nothing is due');
  assert.equal(scenario.job('o2/kitchen')!.state, 'cancelled');
  assert.ok(
    !scenario.log.some((event) => event.type === 'PrintAttemptStarted' && event.data.jobId === 'o2/kitchen'),
  );
});

test.run();
