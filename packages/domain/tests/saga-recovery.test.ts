import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  decidePrinter,
  initialPrintQueue,
  type PrinterSagaInput,
  type PrinterSagaState,
  reducePrintQueue,
} from '../src/index.ts';
import { config, half, logEvent, queued, t0 } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

const started = {
  type: 'PrintAttemptStarted',
  data: { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 },
} as const;

test('a job found printing at start (crash mid-print) is requeued as a possible duplicate, then printed', () => {
  const { recovery, state } = given([queued('o1/kitchen'), started]);
  assert.deepEqual(types(recovery), ['PrintJobRequeued', 'PrintAttemptStarted']);
  assert.deepEqual(recovery.appended[0]!.data, { jobId: 'o1/kitchen', reason: 'crash-recovery' });
  assert.equal(recovery.appended[0]!.id, 'print-job-requeued:o1/kitchen#1');
  assert.deepEqual(recovery.printed, ['o1/kitchen']);
  assert.equal(state.queue.jobs.get('o1/kitchen')!.possibleDuplicate, true);
  assert.equal((recovery.appended[1]!.data as { attempt: number }).attempt, 2);
});

test('while a requeue is on its way back from the log, no other job is started', () => {
  const scenario = given([queued('o1/kitchen'), started, queued('o2/kitchen')], { recover: false });
  const requeue = scenario.state;
  assert.equal(requeue.queue.jobs.get('o1/kitchen')!.state, 'printing');
  const decide = (state: PrinterSagaState, input: PrinterSagaInput) =>
    decidePrinter(state, input, config, new Date(t0), half);
  const step = decide(requeue, { kind: 'recover' });
  assert.deepEqual(
    step.commands.map((command) => command.kind),
    ['append'],
  );
  const again = decide(step.state, { kind: 'tick' });
  assert.deepEqual(again.commands, [], 'asked once, not on every tick');
});

test('the print queue view marks a requeued job', () => {
  let queue = initialPrintQueue;
  queue = reducePrintQueue(queue, logEvent(queued('o1/kitchen').type, queued('o1/kitchen').data, 1));
  queue = reducePrintQueue(queue, logEvent(started.type, started.data, 2));
  queue = reducePrintQueue(
    queue,
    logEvent('PrintJobRequeued', { jobId: 'o1/kitchen', reason: 'crash-recovery' }, 3),
  );
  assert.equal(queue.jobs.get('o1/kitchen')!.state, 'queued');
  assert.equal(queue.jobs.get('o1/kitchen')!.possibleDuplicate, true);
});

test('after recovery the saga carries on normally', () => {
  given([queued('o1/kitchen'), started])
    .when(outcome.printed('o1/kitchen'))
    .then((result) => assert.deepEqual(types(result), ['PrintJobPrinted']));
});

test.run();
