import assert from 'node:assert/strict';
import { test } from 'uvu';
import { initialConnectivity, reduceConnectivity } from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const { given } = specify(reduceConnectivity, initialConnectivity);
const event = eventLog();
const kitchenOnline = event('PrinterStatusChanged', '2024-05-10T10:00:00.000Z', {
  printer: 'kitchen',
  from: 'unknown',
  to: 'online',
  reason: 'status ok',
  latencyMs: 12,
});

test('given nothing, when the kitchen printer answers, then it is online since then with its latency', () => {
  given()
    .when(kitchenOnline)
    .then((view) => {
      assert.deepEqual(view.printers.kitchen, {
        printer: 'kitchen',
        status: 'online',
        since: '2024-05-10T10:00:00.000Z',
        reason: 'status ok',
        latencyMs: 12,
        breaker: 'closed',
      });
    });
});

test('given an online printer, when it reports online again with a new latency, then "since" does not move', () => {
  given(kitchenOnline)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:05:00.000Z', {
        printer: 'kitchen',
        from: 'online',
        to: 'online',
        reason: 'status ok',
        latencyMs: 30,
      }),
    )
    .then((view) => {
      assert.equal(view.printers.kitchen?.since, '2024-05-10T10:00:00.000Z');
      assert.equal(view.printers.kitchen?.latencyMs, 30);
    });
});

test('given an online printer, when it goes offline without a latency, then the stale latency is dropped', () => {
  given(kitchenOnline)
    .when(
      event('PrinterStatusChanged', '2024-05-10T10:06:00.000Z', {
        printer: 'kitchen',
        from: 'online',
        to: 'offline',
        reason: 'connection refused',
      }),
    )
    .then((view) => {
      assert.equal(view.printers.kitchen?.status, 'offline');
      assert.equal(view.printers.kitchen?.since, '2024-05-10T10:06:00.000Z');
      assert.equal(view.printers.kitchen?.reason, 'connection refused');
      assert.equal(view.printers.kitchen?.latencyMs, undefined);
    });
});

test('given nothing, when a breaker opens for a printer never probed, then the printer appears with it', () => {
  given()
    .when(
      event('PrinterBreakerChanged', '2024-05-10T10:07:00.000Z', {
        printer: 'bar',
        from: 'closed',
        to: 'open',
      }),
    )
    .then((view) => {
      assert.deepEqual(view.printers.bar, {
        printer: 'bar',
        status: 'unknown',
        since: '2024-05-10T10:07:00.000Z',
        reason: 'not probed yet',
        breaker: 'open',
        breakerSince: '2024-05-10T10:07:00.000Z',
      });
    });
});

test('given a known printer, when its breaker half-opens, then status and since stay as they were', () => {
  given(kitchenOnline)
    .when(
      event('PrinterBreakerChanged', '2024-05-10T10:08:00.000Z', {
        printer: 'kitchen',
        from: 'open',
        to: 'half-open',
      }),
    )
    .then((view) => {
      assert.equal(view.printers.kitchen?.breaker, 'half-open');
      assert.equal(view.printers.kitchen?.since, '2024-05-10T10:00:00.000Z');
    });
});

test('given the internet online, when Wix stops answering, then it is degraded with the failed target', () => {
  const online = event('InternetStatusChanged', '2024-05-10T10:00:00.000Z', {
    from: 'unknown',
    to: 'online',
    failedTargets: [],
  });
  given(online)
    .when(
      event('InternetStatusChanged', '2024-05-10T10:09:00.000Z', {
        from: 'online',
        to: 'degraded',
        failedTargets: ['www.wixapis.com'],
      }),
    )
    .then((view) => {
      assert.deepEqual(view.internet, {
        status: 'degraded',
        since: '2024-05-10T10:09:00.000Z',
        failedTargets: ['www.wixapis.com'],
      });
    });
  given(online)
    .when(
      event('InternetStatusChanged', '2024-05-10T10:10:00.000Z', {
        from: 'online',
        to: 'online',
        failedTargets: [],
      }),
    )
    .then((view) => assert.equal(view.internet.since, '2024-05-10T10:00:00.000Z'));
});

test('given any view, when an unrelated event arrives, then the view is the same object', () => {
  given(kitchenOnline)
    .when(event('ServiceStopped', '2024-05-10T23:00:00.000Z', { reason: 'shutdown' }))
    .then((after, before) => assert.equal(after, before));
});

test.run();
