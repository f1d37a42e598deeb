import assert from 'node:assert/strict';
import { test } from 'uvu';
import { evolvePrintJob } from '../src/index.ts';
import { logEvent, queued } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

const started = {
  type: 'PrintAttemptStarted',
  data: { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 },
} as const;

test('a job found printing at start (crash mid-print) is requeued as a possible duplicate, then printed', () => {
  const scenario = given([queued('o1/kitchen'), started]);
  const { recovery } = scenario;
  assert.deepEqual(types(recovery), ['PrintJobRequeued', 'PrintAttemptStarted']);
  assert.deepEqual(recovery.appended[0]!.data, { jobId: 'o1/kitchen', reason: 'crash-recovery' });
  assert.equal(recovery.appended[0]!.id, 'print-job-requeued:o1/kitchen#1');
  assert.deepEqual(recovery.printed, ['o1/kitchen']);
  const print = recovery.commands.find((command) => command.kind === 'print');
  assert.equal(print?.kind === 'print' && print.job.possibleDuplicate, true, 'the ticket says so');
  assert.equal(scenario.job('o1/kitchen')!.possibleDuplicate, true);
  assert.equal((recovery.appended[1]!.data as { attempt: number }).attempt, 2);
});

test('requeued jobs take their turn by priority: nothing starts before the table shows them', () => {
  const scenario = given([queued('o1/kitchen'), started, queued('o2/kitchen')], { commits: 'held' });
  assert.deepEqual(types(scenario.recovery), ['PrintJobRequeued']);
  assert.deepEqual(scenario.recovery.printed, [], 'o2 is due, but o1 came first');
  scenario
    .when({ kind: 'tick' })
    .then((result) => assert.deepEqual(result.commands, [], 'asked once, not on every tick'));
  assert.deepEqual(scenario.commit().printed, ['o1/kitchen']);
});

test('jobs are looked at only once the table holds the log as it stood at start', () => {
  const scenario = given([queued('o1/kitchen')], { commits: 'held', resume: false });
  scenario.when(started);
  scenario.when(scenario.resume()).then((result) => {
    assert.deepEqual(result.commands, [], 'the table still shows o1 queued: not trusted yet');
  });
  scenario.commit().then((result) => {
    assert.deepEqual(types(result), ['PrintJobRequeued'], 'the table shows o1 printing: a crash left it');
  });
});

test('the job lifecycle marks a requeued job', () => {
  let job = evolvePrintJob(undefined, logEvent(queued('o1/kitchen').type, queued('o1/kitchen').data, 1));
  job = evolvePrintJob(job, logEvent(started.type, started.data, 2));
  job = evolvePrintJob(
    job,
    logEvent('PrintJobRequeued', { jobId: 'o1/kitchen', reason: 'crash-recovery' }, 3),
  );
  assert.equal(job?.state, 'queued');
  assert.equal(job?.possibleDuplicate, true);
});

test('after recovery the saga carries on normally', () => {
  given([queued('o1/kitchen'), started])
    .when(outcome.printed('o1/kitchen'))
    .then((result) => assert.deepEqual(types(result), ['PrintJobPrinted']));
});

test.run();
