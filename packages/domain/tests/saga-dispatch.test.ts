import assert from 'node:assert/strict';
import { test } from 'uvu';
import { decidePrinter } from '../src/index.ts';
import { config, half, logEvent, queued, t0 } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

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

test('equals print first in, first out', () => {
  given([queued('o1/kitchen'), queued('o2/kitchen'), queued('o3/kitchen')])
    .when(outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobPrinted', 'PrintAttemptStarted']);
      assert.deepEqual(result.printed, ['o2/kitchen']);
    });
});

test('only one job is in flight per printer', () => {
  const scenario = given([queued('o1/kitchen'), queued('o2/kitchen')]);
  assert.deepEqual(scenario.recovery.printed, ['o1/kitchen']);
  scenario
    .when(
      {
        kind: 'event',
        event: {
          ...queued('o3/kitchen', { priority: 'critical' }),
          position: 99,
          recordedAt: '2025-01-10T18:00:00.000Z',
        },
      },
      { kind: 'tick' },
    )
    .then((result) =>
      assert.deepEqual(result.printed, [], 'the critical one waits for the printer to finish'),
    )
    .when(outcome.printed('o1/kitchen'))
    .then((result) => assert.deepEqual(result.printed, ['o3/kitchen']));
});

test("jobs for other printers are none of this saga's business", () => {
  const { recovery, state } = given([queued('o1/customer', { printer: 'front' })]);
  assert.deepEqual(recovery.commands, []);
  assert.equal(state.queue.jobs.size, 0);
});

test("a printed job leaves the saga's queue and the printer streak resets", () => {
  given([queued('o1/kitchen')])
    .when(outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(result.appended[0]!.data, {
        jobId: 'o1/kitchen',
        printer: 'kitchen',
        attempt: 1,
        confirmation: 'confirmed',
      });
      assert.equal(result.state.queue.jobs.size, 0);
      assert.equal(result.state.inFlight, undefined);
    });
});

test('nothing is sent while the log is still being replayed', () => {
  const scenario = given([queued('o1/kitchen')], { recover: false });
  assert.deepEqual(scenario.recovery.commands, []);
  scenario.when({ kind: 'tick' }).then((result) => assert.deepEqual(result.commands, []));
  scenario.when({ kind: 'recover' }).then((result) => assert.deepEqual(result.printed, ['o1/kitchen']));
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

test('a job cancelled before its attempt came back from the log is not sent', () => {
  const scenario = given([queued('o1/kitchen')], { recover: false });
  const started = decidePrinter(scenario.state, { kind: 'recover' }, config, new Date(t0), half);
  assert.equal(started.state.inFlight?.phase, 'starting');
  const [append] = started.commands;
  assert.equal(append?.kind, 'append');
  // The cancellation lands in the log between the saga's append and its echo.
  const cancelled = decidePrinter(
    started.state,
    { kind: 'event', event: logEvent('PrintJobCancelled', { jobId: 'o1/kitchen', reason: 'guest' }, 2) },
    config,
    new Date(t0),
    half,
  );
  const echo = decidePrinter(
    cancelled.state,
    {
      kind: 'event',
      event: logEvent('PrintAttemptStarted', { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 }, 3),
    },
    config,
    new Date(t0),
    half,
  );
  assert.deepEqual(echo.commands, []);
  assert.equal(echo.state.inFlight, undefined);
});

test.run();
