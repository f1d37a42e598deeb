import assert from 'node:assert/strict';
import { test } from 'uvu';
import { breakerAfterAttempt } from '../src/index.ts';
import { queued, statusChanged } from './saga-support/fixtures.ts';
import { given, outcome, types } from './saga-support/given.ts';

/** Three refusals in a row (o1, o2, o1 again): the printer is off, and the breaker opens on the third. */
function openBreaker() {
  return given([queued('o1/kitchen'), queued('o2/kitchen')])
    .when(outcome.off('o1/kitchen'))
    .when(outcome.off('o2/kitchen'))
    .at(500)
    .when({ kind: 'tick' }, outcome.off('o1/kitchen'));
}

test('consecutive transport failures open the breaker, and then nothing is sent', () => {
  const opened = openBreaker();
  assert.deepEqual(types(opened), ['PrintAttemptStarted', 'PrintAttemptFailed', 'PrinterBreakerChanged']);
  assert.deepEqual(opened.appended[2]!.data, { printer: 'kitchen', from: 'closed', to: 'open' });
  assert.equal(opened.appended[2]!.id, 'printer-breaker-changed:kitchen#1');
  assert.equal(opened.state.breaker, 'open');
  assert.deepEqual(opened.printed, ['o1/kitchen'], 'only the attempt that tripped it');
  assert.deepEqual(opened.wakes, [1_000], 'a probe is planned after the first backoff step');
  opened
    .at(600_000)
    .when({ kind: 'tick' })
    .then((result) => {
      assert.deepEqual(result.printed, [], 'jobs stay put while open, however late');
      assert.equal(result.probes, 1);
    });
});

test('a failed probe backs off; a good probe half-opens and exactly one job goes out', () => {
  openBreaker()
    .at(1_000)
    .when({ kind: 'tick' })
    .then((result) => assert.equal(result.probes, 1))
    .when({ kind: 'probe-result', ok: false })
    .then((result) => {
      assert.equal(result.probes, 0);
      assert.deepEqual(result.wakes, [2_000]);
    })
    .at(2_000)
    .when({ kind: 'tick' }, { kind: 'probe-result', ok: true })
    .then((result) => {
      assert.deepEqual(types(result), ['PrinterBreakerChanged', 'PrintAttemptStarted']);
      assert.deepEqual(result.appended[0]!.data, { printer: 'kitchen', from: 'open', to: 'half-open' });
      assert.deepEqual(
        result.printed,
        ['o1/kitchen'],
        'the job that failed while the printer was off goes at once',
      );
    })
    .when(outcome.printed('o1/kitchen'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintJobPrinted', 'PrinterBreakerChanged', 'PrintAttemptStarted']);
      assert.deepEqual(result.appended[1]!.data, { printer: 'kitchen', from: 'half-open', to: 'closed' });
      assert.deepEqual(result.printed, ['o2/kitchen']);
      assert.equal(result.state.consecutiveFailures, 0);
    });
});

test('a failure while half-open re-opens the breaker', () => {
  openBreaker()
    .at(1_000)
    .when({ kind: 'tick' }, { kind: 'probe-result', ok: true })
    .when(outcome.failed('o1/kitchen', 'timeout'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrintAttemptFailed', 'PrinterBreakerChanged']);
      assert.deepEqual(result.appended[1]!.data, { printer: 'kitchen', from: 'half-open', to: 'open' });
      assert.deepEqual(result.printed, []);
    });
});

test('the monitor seeing the printer back half-opens the breaker too', () => {
  openBreaker()
    .at(1_000)
    .when(statusChanged('offline', 'online'))
    .then((result) => {
      assert.deepEqual(types(result), ['PrinterBreakerChanged', 'PrintAttemptStarted']);
      assert.deepEqual(result.printed, ['o1/kitchen']);
    });
});

test('paper end and cover open pause the printer instead of tripping the breaker', () => {
  assert.equal(
    breakerAfterAttempt('closed', 5, { ok: false, failure: 'paper-end' }, { failureThreshold: 1 }),
    'closed',
  );
  assert.equal(
    breakerAfterAttempt('closed', 0, { ok: false, failure: 'timeout' }, { failureThreshold: 2 }),
    'closed',
  );
  assert.equal(breakerAfterAttempt('open', 0, { ok: true }, { failureThreshold: 2 }), 'closed');
});

test('paper end pauses the printer; paper back resumes it at once', () => {
  const scenario = given([queued('o1/kitchen'), queued('o2/customer')]);
  scenario
    .when(outcome.failed('o1/kitchen', 'paper-end'))
    .then((result) => {
      assert.equal(
        result.appended[0]!.data && (result.appended[0]!.data as { counted: boolean }).counted,
        true,
      );
      assert.equal(result.state.pausedBy, 'paper-end');
      assert.deepEqual(result.printed, [], 'the receipt does not go to an empty printer either');
    })
    .at(60_000)
    .when({ kind: 'tick' })
    .then((result) => assert.deepEqual(result.printed, []))
    .when(statusChanged('online', 'paper-end'))
    .when(statusChanged('paper-end', 'online'))
    .then((result) => {
      assert.deepEqual(result.printed, ['o1/kitchen'], 'printed the moment paper is back, kitchen first');
      assert.equal(scenario.job('o1/kitchen')!.attempts, 1, 'the paper-out attempt counted once');
    });
});

test('a paused printer the monitor never saw is found again by probing', () => {
  given([queued('o1/kitchen')])
    .when(outcome.failed('o1/kitchen', 'cover-open'))
    .then((result) => assert.deepEqual(result.wakes, [500]))
    .at(500)
    .when({ kind: 'tick' })
    .then((result) => assert.equal(result.probes, 1))
    .when({ kind: 'probe-result', ok: true })
    .then((result) => {
      assert.deepEqual(types(result), ['PrintAttemptStarted']);
      assert.deepEqual(result.printed, ['o1/kitchen']);
    });
});

test('the printer coming back sends the waiting job at once, not after its backoff', () => {
  given([queued('o1/kitchen')])
    .when(statusChanged('unknown', 'online'))
    .when(outcome.off('o1/kitchen'))
    .then((result) => assert.deepEqual(result.wakes, [500]))
    .when(statusChanged('online', 'offline'))
    .at(500)
    .when({ kind: 'tick' })
    .then((result) =>
      assert.deepEqual(result.printed, [], 'nothing is sent to a printer the monitor sees offline'),
    )
    .at(40_000)
    .when(statusChanged('offline', 'online'))
    .then((result) => {
      assert.deepEqual(result.printed, ['o1/kitchen']);
    });
});

test('a job that failed on a real fault keeps its backoff when the printer comes back', () => {
  given([queued('o1/kitchen')])
    .when(outcome.failed('o1/kitchen', 'error'))
    .when(statusChanged('offline', 'online'))
    .then((result) => assert.deepEqual(result.printed, []));
});

test.run();
