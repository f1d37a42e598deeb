import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  type AnyDomainEvent,
  evolveInternet,
  evolvePrinter,
  initialInternet,
  type PrinterRecord,
  type PrintFailure,
  printerConnectivity,
} from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const printerRow = specify(evolvePrinter, undefined as PrinterRecord | undefined);
const internetRow = specify(evolveInternet, initialInternet);
const event = eventLog();
const kitchenOnline = event('PrinterStatusChanged', '2024-05-10T10:00:00.000Z', {
  printer: 'kitchen',
  from: 'unknown',
  to: 'online',
  reason: 'status ok',
  latencyMs: 12,
});
const failed = (failure: PrintFailure, at = '2024-05-10T10:01:00.000Z'): AnyDomainEvent =>
  event('PrintAttemptFailed', at, {
    jobId: 'o1/kitchen',
    printer: 'kitchen',
    attempt: 1,
    failure,
    counted: true,
    nextAttemptAt: at,
  });
const printed = event('PrintJobPrinted', '2024-05-10T10:03:00.000Z', {
  jobId: 'o1/kitchen',
  printer: 'kitchen',
  attempt: 2,
  confirmation: 'confirmed',
});
const breaker = (
  from: 'closed' | 'open' | 'half-open',
  to: 'closed' | 'open' | 'half-open',
  printer = 'kitchen',
) => event('PrinterBreakerChanged', '2024-05-10T10:07:00.000Z', { printer, from, to });

test('given nothing, when the kitchen printer answers, then its row is online since then with its latency', () => {
  printerRow
    .given()
    .when(kitchenOnline)
    .then((row) => {
      assert.deepEqual(row, {
        printer: 'kitchen',
        status: 'online',
        since: '2024-05-10T10:00:00.000Z',
        reason: 'status ok',
        latencyMs: 12,
        breaker: 'closed',
        breakerChanges: 0,
        consecutiveFailures: 0,
      });
    });
});

test('given an online printer, when it reports online again with a new latency, then "since" does not move', () => {
  printerRow
    .given(kitchenOnline)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:05:00.000Z', {
        printer: 'kitchen',
        from: 'online',
        to: 'online',
        reason: 'status ok',
        latencyMs: 30,
      }),
    )
    .then((row) => {
      assert.equal(row?.since, '2024-05-10T10:00:00.000Z');
      assert.equal(row?.latencyMs, 30);
    });
});

test('given an online printer, when it goes offline without a latency, then the stale latency is dropped', () => {
  printerRow
    .given(kitchenOnline)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:06:00.000Z', {
        printer: 'kitchen',
        from: 'online',
        to: 'offline',
        reason: 'connection refused',
      }),
    )
    .then((row) => {
      assert.equal(row?.status, 'offline');
      assert.equal(row?.since, '2024-05-10T10:06:00.000Z');
      assert.equal(row?.reason, 'connection refused');
      assert.equal(row?.latencyMs, undefined);
    });
});

test('given nothing, when a breaker opens for a printer never probed, then the printer appears with it', () => {
  printerRow
    .given()
    .when(breaker('closed', 'open', 'bar'))
    .then((row) => {
      assert.deepEqual(row, {
        printer: 'bar',
        status: 'unknown',
        since: '2024-05-10T10:07:00.000Z',
        reason: 'not probed yet',
        breaker: 'open',
        breakerSince: '2024-05-10T10:07:00.000Z',
        breakerChanges: 1,
        consecutiveFailures: 0,
      });
    });
});

test('given a known printer, when its breaker half-opens, then status and since stay as they were', () => {
  printerRow
    .given(kitchenOnline)
    .when(breaker('open', 'half-open'))
    .then((row) => {
      assert.equal(row?.breaker, 'half-open');
      assert.equal(row?.since, '2024-05-10T10:00:00.000Z');
      assert.equal(row?.breakerChanges, 1);
    });
});

test('given failed prints, then the row keeps the saga’s failure streak until a print or a closed breaker', () => {
  printerRow
    .given(kitchenOnline, failed('refused'), failed('timeout'))
    .then((row) => assert.equal(row?.consecutiveFailures, 2));
  printerRow
    .given(kitchenOnline, failed('refused'), failed('timeout'))
    .when(printed)
    .then((row) => assert.equal(row?.consecutiveFailures, 0));
  printerRow
    .given(kitchenOnline, failed('refused'), breaker('closed', 'open'), failed('unreachable'))
    .then((row) => assert.equal(row?.consecutiveFailures, 2, 'opening the breaker keeps the streak'));
  printerRow
    .given(kitchenOnline, failed('refused'), breaker('closed', 'open'), breaker('open', 'closed'))
    .then((row) => {
      assert.equal(row?.consecutiveFailures, 0);
      assert.equal(row?.breakerChanges, 2);
    });
});

test('given a paper-end failure, then the printer is paused until it is seen printable or prints', () => {
  const paperEnd = failed('paper-end');
  printerRow.given(kitchenOnline, paperEnd).then((row) => {
    assert.equal(row?.pausedBy, 'paper-end');
    assert.equal(row?.consecutiveFailures, 0, 'a pause is not a transport failure');
  });
  printerRow
    .given(kitchenOnline, paperEnd)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:02:00.000Z', {
        printer: 'kitchen',
        from: 'online',
        to: 'paper-end',
        reason: 'status byte',
      }),
    )
    .then((row) => assert.equal(row?.pausedBy, 'paper-end', 'still out of paper'));
  printerRow
    .given(kitchenOnline, paperEnd)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:02:00.000Z', {
        printer: 'kitchen',
        from: 'paper-end',
        to: 'paper-near-end',
        reason: 'new roll',
      }),
    )
    .then((row) => {
      assert.equal(row?.pausedBy, undefined);
      assert.equal('pausedBy' in (row ?? {}), false);
    });
  printerRow
    .given(kitchenOnline, failed('cover-open'))
    .when(printed)
    .then((row) => assert.equal(row?.pausedBy, undefined));
});

test('given a row, then the status page sees it without the saga’s counters', () => {
  printerRow.given(kitchenOnline, failed('paper-end'), breaker('closed', 'open')).then((row) => {
    assert.ok(row);
    assert.deepEqual(printerConnectivity(row), {
      printer: 'kitchen',
      status: 'online',
      since: '2024-05-10T10:00:00.000Z',
      reason: 'status ok',
      latencyMs: 12,
      breaker: 'open',
      breakerSince: '2024-05-10T10:07:00.000Z',
    });
  });
});

test('given the internet online, when Wix stops answering, then it is degraded with the failed target', () => {
  const online = event('InternetStatusChanged', '2024-05-10T10:00:00.000Z', {
    from: 'unknown',
    to: 'online',
    failedTargets: [],
  });
  internetRow
    .given(online)
    .when(
      event('InternetStatusChanged', '2024-05-10T10:09:00.000Z', {
        from: 'online',
        to: 'degraded',
        failedTargets: ['www.wixapis.com'],
      }),
    )
    .then((row) => {
      assert.deepEqual(row, {
        status: 'degraded',
        since: '2024-05-10T10:09:00.000Z',
        failedTargets: ['www.wixapis.com'],
      });
    });
  internetRow
    .given(online)
    .when(
      event('InternetStatusChanged', '2024-05-10T10:10:00.000Z', {
        from: 'online',
        to: 'online',
        failedTargets: [],
      }),
    )
    .then((row) => assert.equal(row.since, '2024-05-10T10:00:00.000Z'));
});

test('given any row, when an event that moves nothing arrives (a print with no streak), then the row is the same object', () => {
  const unrelated = event('ServiceStopped', '2024-05-10T23:00:00.000Z', { reason: 'shutdown' });
  printerRow
    .given(kitchenOnline)
    .when(unrelated, event('PrintJobPrinted', '2024-05-10T23:00:00.000Z', printed.data))
    .then((after, before) => assert.equal(after, before));
  printerRow
    .given()
    .when(unrelated)
    .then((row) => assert.equal(row, undefined));
  internetRow
    .given()
    .when(unrelated, kitchenOnline)
    .then((after, before) => assert.equal(after, before));
});

test.run();
