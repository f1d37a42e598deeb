import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  initialOfflineAudit,
  offlinePeriods,
  offlineViewVersion,
  reduceOfflinePeriods,
  selectOfflinePeriods,
} from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { fridayOutages } from './support/friday-outages.ts';
import { foldEvents, specify } from './support/given-when-then.ts';

const now = '2024-05-10T21:00:00.000Z';
const friday = fridayOutages();
const { given } = specify(reduceOfflinePeriods, initialOfflineAudit);

const firstKitchenOutage = {
  component: 'printer:kitchen',
  start: '2024-05-10T17:40:00.000Z',
  end: '2024-05-10T18:00:00.000Z',
  durationMs: 20 * 60_000,
  cause: 'offline → paper-end',
  ordersReceived: ['o1', 'o2'],
  jobsBuffered: 2,
  backlogPrintedAfterMs: 60_000,
};
const internetOutage = {
  component: 'internet',
  start: '2024-05-10T17:45:00.000Z',
  end: '2024-05-10T18:10:00.000Z',
  durationMs: 25 * 60_000,
  cause: 'degraded → offline',
  failedTargets: ['www.wixapis.com', '1.1.1.1'],
  ordersReceived: ['o2', 'o3'],
  jobsBuffered: 0,
};
const secondKitchenOutage = {
  component: 'printer:kitchen',
  start: '2024-05-10T19:40:00.000Z',
  end: '2024-05-10T20:15:00.000Z',
  durationMs: 35 * 60_000,
  cause: 'cover-open',
  ordersReceived: ['o4'],
  jobsBuffered: 2,
  backlogPrintedAfterMs: 60_000,
};

test('given the Friday log, then the audit finds both kitchen outages and the internet outage, every figure', () => {
  assert.deepEqual(offlinePeriods(friday, { now }), [
    firstKitchenOutage,
    internetOutage,
    secondKitchenOutage,
  ]);
});

test('given the Friday log folded as a projection, then it answers exactly like the one-shot audit', () => {
  const state = foldEvents(reduceOfflinePeriods, initialOfflineAudit, friday);
  assert.deepEqual(selectOfflinePeriods(state, { now }), offlinePeriods(friday, { now }));
  assert.equal(offlineViewVersion, 1);
});

test('given a window, then periods overlapping it are reported whole', () => {
  const window = { from: '2024-05-10T17:59:00.000Z', to: '2024-05-10T18:05:00.000Z', now };
  assert.deepEqual(offlinePeriods(friday, window), [firstKitchenOutage, internetOutage]);
  assert.deepEqual(offlinePeriods(friday, { from: '2024-05-10T19:00:00.000Z', now }), [secondKitchenOutage]);
  assert.deepEqual(offlinePeriods(friday, { to: '2024-05-10T17:44:59.000Z', now }), [firstKitchenOutage]);
  assert.deepEqual(offlinePeriods(friday, { from: '2024-05-10T20:16:00.000Z', now }), []);
});

test('given a component filter, then only its periods come back', () => {
  assert.deepEqual(offlinePeriods(friday, { component: 'internet', now }), [internetOutage]);
  assert.deepEqual(offlinePeriods(friday, { component: 'printer:bar', now }), []);
});

const event = eventLog();
const barDown = event('PrinterStatusChanged', '2024-05-10T20:30:00.000Z', {
  printer: 'bar',
  from: 'online',
  to: 'error',
  reason: 'cutter error',
});

test('given a printer still down, then its period is open and lasts until now', () => {
  given(...friday, barDown).then((state) => {
    const [bar] = selectOfflinePeriods(state, { component: 'printer:bar', now });
    assert.equal(bar?.end, undefined);
    assert.equal(bar?.durationMs, 30 * 60_000);
    assert.deepEqual(bar?.ordersReceived, []);
    const [stillBar] = selectOfflinePeriods(state, {
      component: 'printer:bar',
      from: '2024-05-10T20:59:00.000Z',
      now,
    });
    assert.equal(stillBar?.start, '2024-05-10T20:30:00.000Z');
  });
});

test('given a printer down, when it reports unknown, then the outage neither ends nor restarts', () => {
  given(barDown)
    .when(
      event('PrinterStatusChanged', '2024-05-10T20:40:00.000Z', {
        printer: 'bar',
        from: 'error',
        to: 'unknown',
        reason: '',
      }),
      event('InternetStatusChanged', '2024-05-10T20:40:00.000Z', {
        from: 'online',
        to: 'unknown',
        failedTargets: [],
      }),
      event('ServiceStopped', '2024-05-10T20:41:00.000Z', { reason: 'shutdown' }),
    )
    .then((after, before) => assert.equal(after, before));
});

test('given a buffered job printed before the recovery was seen, then the backlog time is zero, not negative', () => {
  given(barDown)
    .when(
      event('PrintJobQueued', '2024-05-10T20:31:00.000Z', {
        jobId: 'b1',
        orderId: 'o9',
        ticket: 'kitchen',
        printer: 'bar',
        priority: 'normal',
        reprint: false,
      }),
      event('PrintJobPrinted', '2024-05-10T20:32:00.000Z', {
        jobId: 'b1',
        printer: 'bar',
        attempt: 1,
        confirmation: 'written',
      }),
      event('PrinterStatusChanged', '2024-05-10T20:33:00.000Z', {
        printer: 'bar',
        from: 'error',
        to: 'online',
        reason: '',
      }),
    )
    .then((state) => {
      const [bar] = selectOfflinePeriods(state, { now });
      assert.equal(bar?.jobsBuffered, 1);
      assert.equal(bar?.backlogPrintedAfterMs, 0);
    });
});

test('given a recovered printer with a buffered job not yet printed, then the backlog time is not known yet', () => {
  given(
    barDown,
    event('PrintJobQueued', '2024-05-10T20:31:00.000Z', {
      jobId: 'b2',
      orderId: 'o9',
      ticket: 'kitchen',
      printer: 'bar',
      priority: 'normal',
      reprint: false,
    }),
    event('PrinterStatusChanged', '2024-05-10T20:33:00.000Z', {
      printer: 'bar',
      from: 'error',
      to: 'online',
      reason: '',
    }),
  ).then((state) => {
    const [bar] = selectOfflinePeriods(state, { now });
    assert.equal(bar?.end, '2024-05-10T20:33:00.000Z');
    assert.equal(bar?.backlogPrintedAfterMs, undefined);
  });
});

test.run();
