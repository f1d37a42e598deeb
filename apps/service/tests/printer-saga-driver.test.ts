import assert from 'node:assert/strict';
import type { AnyDomainEvent } from '@bonrelay/domain';
import { Subject } from 'rxjs';
import { test } from 'uvu';
import { fail, flushMs, harness, queued, settle, statusChanged } from './printer-saga-support/harness.ts';

test('retries follow the backoff in virtual time', async () => {
  const run = harness({
    history: [queued('o1/kitchen')],
    outcomes: [fail('timeout', true), fail('timeout', true)],
  });
  await run.advanceTo(10_000);
  assert.deepEqual(
    run.prints.map((print) => print.at),
    [0, 500, 1_500],
    'half of 1 s, then half of 2 s (random pinned at 0.5)',
  );
  assert.deepEqual(run.types().slice(1), [
    'PrintAttemptStarted',
    'PrintAttemptFailed',
    'PrintAttemptStarted',
    'PrintAttemptFailed',
    'PrintAttemptStarted',
    'PrintJobPrinted',
  ]);
});

test('a printer back online gets the waiting ticket within a second, not after its backoff', async () => {
  const run = harness({ history: [queued('o1/kitchen')], outcomes: [fail('refused', false)] });
  await run.advanceTo(0);
  run.record(statusChanged('online', 'offline'));
  await run.advanceTo(30_000);
  assert.equal(run.prints.length, 1, 'nothing is sent while the monitor sees it offline');
  run.record(statusChanged('offline', 'online'));
  await run.advanceTo(31_000);
  assert.equal(run.prints.length, 2);
  assert.ok(
    run.prints[1]!.at - 30_000 <= 1_000,
    `sent ${run.prints[1]!.at - 30_000} ms after the printer came back`,
  );
  assert.equal(run.types().at(-1), 'PrintJobPrinted');
});

test('at start a job left printing by a crash is requeued and printed again', async () => {
  const run = harness({
    history: [
      queued('o1/kitchen'),
      { type: 'PrintAttemptStarted', data: { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 } },
    ],
  });
  await run.advanceTo(flushMs);
  assert.deepEqual(run.types().slice(2), ['PrintJobRequeued', 'PrintAttemptStarted', 'PrintJobPrinted']);
  assert.deepEqual(
    run.prints,
    [{ jobId: 'o1/kitchen', at: flushMs, possibleDuplicate: true }],
    'once the table shows it requeued, marked',
  );
});

test('an open breaker is probed, and the first good probe sends one job', async () => {
  const run = harness({
    history: [queued('o1/kitchen')],
    outcomes: [fail('refused', false), fail('refused', false), fail('refused', false)],
    probes: [false, true],
  });
  await run.advanceTo(60_000);
  assert.ok(run.types().includes('PrinterBreakerChanged'));
  assert.equal(run.probes.length, 2);
  assert.equal(run.saga.state.breaker, 'closed');
  assert.equal(run.types().at(-1), 'PrinterBreakerChanged');
  assert.equal(run.prints.length, 4);
});

test('stop waits for the job in flight, records it, and starts nothing else', async () => {
  const run = harness({ history: [queued('o1/kitchen'), queued('o2/kitchen')], outcomes: ['hang'] });
  await run.advanceTo(0);
  let stopped = false;
  const stopping = run.saga.stop().then(() => {
    stopped = true;
  });
  await run.advanceTo(4_999);
  assert.equal(stopped, false, 'still waiting for the printer');
  await run.advanceTo(5_000);
  await stopping;
  assert.equal(run.prints.length, 1);
  await run.saga.stop();
});

test('stop records an outcome that arrives in time', async () => {
  let answer: (value: { ok: true; confirmation: 'confirmed' }) => void = () => {};
  const run = harness({
    history: [queued('o1/kitchen'), queued('o2/kitchen')],
    overrides: () => ({
      print: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    }),
  });
  await run.advanceTo(0);
  const stopping = run.saga.stop();
  answer({ ok: true, confirmation: 'confirmed' });
  await stopping;
  assert.equal(run.types().at(-1), 'PrintJobPrinted');
  assert.equal(run.types().filter((type) => type === 'PrintAttemptStarted').length, 1);
});

test('a failed append stops the saga and says why', async () => {
  const errors: unknown[] = [];
  const run = harness({
    history: [queued('o1/kitchen')],
    overrides: ({ log }) => ({
      log: {
        ...log,
        append: () => {
          throw new Error('disk full');
        },
      },
      onError: (error) => errors.push(error),
    }),
  });
  await run.advanceTo(1_000);
  assert.equal((errors[0] as Error).message, 'disk full');
  assert.deepEqual(run.prints, []);
});

test('a print function that throws counts as a failure that reached the printer', async () => {
  let calls = 0;
  const run = harness({
    history: [queued('o1/kitchen')],
    overrides: () => ({
      print: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new Error('boom'))
          : Promise.resolve({ ok: true, confirmation: 'written' });
      },
      probe: () => Promise.reject(new Error('no')),
    }),
  });
  await run.advanceTo(1_000);
  const failed = run.log().find((event) => event.type === 'PrintAttemptFailed');
  assert.equal(failed?.type === 'PrintAttemptFailed' && failed.data.counted, true);
  assert.equal(run.types().at(-1), 'PrintJobPrinted');
  await settle();
});

test('a probe that throws counts as a printer still down; a broken log stops the saga', async () => {
  const errors: unknown[] = [];
  const log$ = new Subject<AnyDomainEvent>();
  const run = harness({
    history: [queued('o1/kitchen')],
    outcomes: [fail('refused', false), fail('refused', false), fail('refused', false)],
    overrides: () => ({
      probe: () => Promise.reject(new Error('no route')),
      onError: (error) => errors.push(error),
    }),
  });
  await run.advanceTo(20_000);
  assert.equal(run.saga.state.breaker, 'open');
  assert.ok(run.saga.state.probe.failures >= 2, 'each thrown probe backs off further');
  const broken = harness({
    overrides: ({ log }) => ({
      log: { ...log, printerStatus$: () => log$ },
      onError: (error) => errors.push(error),
    }),
  });
  log$.error(new Error('store closed'));
  await broken.advanceTo(0);
  assert.equal((errors.at(-1) as Error).message, 'store closed');
  await broken.saga.stop();
});

test('at start the saga reads the table and follows the log only from where the views stand', async () => {
  const from: number[] = [];
  const run = harness({
    history: [queued('o1/kitchen'), queued('o2/kitchen'), statusChanged('unknown', 'online')],
    overrides: ({ log }) => ({
      log: {
        ...log,
        printerStatus$: (after) => {
          from.push(after);
          return log.printerStatus$(after);
        },
      },
    }),
  });
  await run.advanceTo(flushMs * 3);
  assert.deepEqual(from, [3], 'no replay from the first event');
  assert.deepEqual(
    run.prints.map((print) => print.jobId),
    ['o1/kitchen', 'o2/kitchen'],
  );
});

test('a ticket cancelled through the API before the table shows it is not printed', async () => {
  let answer: (value: { ok: true; confirmation: 'confirmed' }) => void = () => {};
  const run = harness({
    history: [queued('o1/kitchen'), queued('o2/kitchen')],
    overrides: () => ({
      print: (job) =>
        new Promise((resolve) => {
          run.prints.push({ jobId: job.jobId, at: run.scheduler.now(), possibleDuplicate: false });
          answer = resolve;
        }),
    }),
  });
  await run.advanceTo(0);
  run.record({ type: 'PrintJobCancelled', data: { jobId: 'o2/kitchen', reason: 'guest called' } });
  answer({ ok: true, confirmation: 'confirmed' });
  await run.advanceTo(flushMs * 5);
  assert.deepEqual(
    run.prints.map((print) => print.jobId),
    ['o1/kitchen'],
  );
  assert.deepEqual(run.types().slice(2), ['PrintAttemptStarted', 'PrintJobCancelled', 'PrintJobPrinted']);
});

test('a saga that cannot learn its printer at start stops and says why', async () => {
  const errors: unknown[] = [];
  const run = harness({
    history: [queued('o1/kitchen')],
    overrides: () => ({
      printerAtStart: () => {
        throw new Error('views unreadable');
      },
      onError: (error) => errors.push(error),
    }),
  });
  await run.advanceTo(1_000);
  assert.equal((errors[0] as Error | undefined)?.message, 'views unreadable');
  assert.deepEqual(run.prints, []);
});

test.run();
