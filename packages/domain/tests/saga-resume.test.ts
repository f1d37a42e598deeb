import assert from 'node:assert/strict';
import { test } from 'uvu';
import { logEvent, queued, statusChanged } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

const refusedEarlier = [
  queued('o1/kitchen'),
  { type: 'PrintAttemptStarted', data: { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 } },
  {
    type: 'PrintAttemptFailed',
    data: {
      jobId: 'o1/kitchen',
      printer: 'kitchen',
      attempt: 1,
      failure: 'refused',
      counted: false,
      nextAttemptAt: '2025-01-10T18:01:00.000Z',
    },
  },
] as const;

test('a breaker the views show open is probed at start, not printed through', () => {
  given([queued('o1/kitchen')], { atStart: { breaker: 'open' } })
    .then((result) => {
      assert.deepEqual(result.printed, []);
      assert.deepEqual(result.wakes, [500], 'the first probe after one backoff step');
    })
    .at(500)
    .when({ kind: 'tick' }, { kind: 'probe-result', ok: true })
    .then((result) => {
      assert.deepEqual(types(result), ['PrinterBreakerChanged', 'PrintAttemptStarted']);
      assert.deepEqual(result.appended[0]!.data, { printer: 'kitchen', from: 'open', to: 'half-open' });
    });
});

test('a restarted saga numbers its breaker changes above every one the log holds', () => {
  given([queued('o1/kitchen')], {
    atStart: { breakerSerial: 41 },
    config: {
      backoff: { baseMs: 1_000, factor: 2, capMs: 60_000 },
      maxAttempts: 3,
      breaker: { failureThreshold: 1 },
    },
  })
    .when(outcome.off('o1/kitchen'))
    .then((result) => assert.equal(result.appended[1]!.id, 'printer-breaker-changed:kitchen#42'));
});

test('a printer the views show offline gets nothing until the monitor sees it back', () => {
  given([queued('o1/kitchen')], { atStart: { status: 'offline' } })
    .then((result) => assert.deepEqual(result.commands, []))
    .when(statusChanged('offline', 'online'))
    .then((result) => assert.deepEqual(result.printed, ['o1/kitchen']));
});

test('a job that waited for a printer back before the restart is due at once', () => {
  const { recovery } = given([...refusedEarlier], {
    atStart: { status: 'online', backSince: '2025-01-10T18:00:00.001Z' },
  });
  assert.deepEqual(recovery.printed, ['o1/kitchen']);
  const { recovery: later } = given([...refusedEarlier], { atStart: { status: 'online' } });
  assert.deepEqual(later.printed, [], 'without the printer seen back, the backoff stands');
  assert.deepEqual(later.wakes, [60_000]);
});

test('a status change the views already hold is not news', () => {
  given([queued('o1/kitchen')], { atStart: { breaker: 'open' } })
    .when({
      kind: 'event',
      event: logEvent('PrinterStatusChanged', statusChanged('offline', 'online').data, 1),
    })
    .then((result) => assert.deepEqual(result.appended, [], 'no half-open on an old word'));
});

test.run();
