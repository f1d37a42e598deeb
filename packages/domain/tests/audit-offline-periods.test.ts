import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  type AnyDomainEvent,
  emptyOfflineAudit,
  evolveOfflineAudit,
  type OfflineAudit,
  type OfflinePeriodQuery,
} from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { fridayOutages } from './support/friday-outages.ts';
import { foldEvents, specify } from './support/given-when-then.ts';
import { offlinePeriodsOf } from './support/offline-periods-of.ts';

const now = '2024-05-10T21:00:00.000Z';
const friday = fridayOutages();
const { given } = specify(evolveOfflineAudit, emptyOfflineAudit);
const fridayAudit = foldEvents(evolveOfflineAudit, emptyOfflineAudit, friday);
const periods = (query: Omit<OfflinePeriodQuery, 'now'> = {}, audit: OfflineAudit = fridayAudit) =>
  offlinePeriodsOf(audit, { ...query, now });

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
  assert.deepEqual(periods(), [firstKitchenOutage, internetOutage, secondKitchenOutage]);
});

test('given the Friday log, then each row is keyed by the change that began it and no job waits in a backlog', () => {
  const rows = Object.values(fridayAudit.periods);
  assert.deepEqual(
    rows.map((row) => [row.id, friday.find((event) => event.position === row.id)?.recordedAt]),
    [
      [4, firstKitchenOutage.start],
      [9, internetOutage.start],
      [21, secondKitchenOutage.start],
    ],
  );
  assert.deepEqual(
    rows.map((row) => [row.backlogPending, row.backlogLastPrintedAt]),
    [
      [0, '2024-05-10T18:01:00.000Z'],
      [0, undefined],
      [0, '2024-05-10T20:16:00.000Z'],
    ],
  );
  assert.deepEqual(fridayAudit.open, {});
  assert.deepEqual(fridayAudit.bufferedJobs, {});
});

test('given a window, then periods overlapping it are reported whole', () => {
  assert.deepEqual(periods({ from: '2024-05-10T17:59:00.000Z', to: '2024-05-10T18:05:00.000Z' }), [
    firstKitchenOutage,
    internetOutage,
  ]);
  assert.deepEqual(periods({ from: '2024-05-10T19:00:00.000Z' }), [secondKitchenOutage]);
  assert.deepEqual(periods({ to: '2024-05-10T17:44:59.000Z' }), [firstKitchenOutage]);
  assert.deepEqual(periods({ from: '2024-05-10T20:16:00.000Z' }), []);
  assert.deepEqual(periods({ from: '2024-05-10T18:10:00.000Z', to: '2024-05-10T18:10:00.000Z' }), [
    internetOutage,
  ]);
});

test('given a component filter, then only its periods come back', () => {
  assert.deepEqual(periods({ component: 'internet' }), [internetOutage]);
  assert.deepEqual(periods({ component: 'printer:bar' }), []);
});

const event = eventLog();
const barDown = event('PrinterStatusChanged', '2024-05-10T20:30:00.000Z', {
  printer: 'bar',
  from: 'online',
  to: 'error',
  reason: 'cutter error',
});
const barQueued = (jobId: string, at: string): AnyDomainEvent =>
  event('PrintJobQueued', at, {
    jobId,
    orderId: 'o9',
    ticket: 'kitchen',
    printer: 'bar',
    priority: 'normal',
    reprint: false,
  });
const barBack = event('PrinterStatusChanged', '2024-05-10T20:33:00.000Z', {
  printer: 'bar',
  from: 'error',
  to: 'online',
  reason: '',
});

test('given a printer still down, then its period is open and lasts until now', () => {
  given(...friday, barDown).then((audit) => {
    const [bar] = periods({ component: 'printer:bar' }, audit);
    assert.equal(bar?.end, undefined);
    assert.equal(bar?.durationMs, 30 * 60_000);
    assert.deepEqual(bar?.ordersReceived, []);
    const [stillBar] = periods({ component: 'printer:bar', from: '2024-05-10T20:59:00.000Z' }, audit);
    assert.equal(stillBar?.start, '2024-05-10T20:30:00.000Z');
    assert.deepEqual(periods({ component: 'printer:bar', to: '2024-05-10T20:29:59.000Z' }, audit), []);
    assert.deepEqual(audit.open, { 'printer:bar': barDown.position });
  });
});

test('given a printer down, when it reports unknown or the same status again, then nothing changes', () => {
  given(barDown)
    .when(
      event('PrinterStatusChanged', '2024-05-10T20:40:00.000Z', {
        printer: 'bar',
        from: 'error',
        to: 'unknown',
        reason: '',
      }),
      event('PrinterStatusChanged', '2024-05-10T20:40:30.000Z', {
        printer: 'bar',
        from: 'unknown',
        to: 'error',
        reason: 'cutter error',
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
      barQueued('b1', '2024-05-10T20:31:00.000Z'),
      event('PrintJobPrinted', '2024-05-10T20:32:00.000Z', {
        jobId: 'b1',
        printer: 'bar',
        attempt: 1,
        confirmation: 'written',
      }),
      barBack,
    )
    .then((audit) => {
      const [bar] = periods({}, audit);
      assert.equal(bar?.jobsBuffered, 1);
      assert.equal(bar?.backlogPrintedAfterMs, 0);
    });
});

test('given a recovered printer with a buffered job not yet printed, then the backlog time is not known yet', () => {
  given(barDown, barQueued('b2', '2024-05-10T20:31:00.000Z'), barBack).then((audit) => {
    const [bar] = periods({}, audit);
    assert.equal(bar?.end, '2024-05-10T20:33:00.000Z');
    assert.equal(bar?.backlogPrintedAfterMs, undefined);
    assert.deepEqual(audit.bufferedJobs, { b2: barDown.position });
  });
});

test('given only the rows a batch loads (a closed period and its waiting jobs), when they print, then the backlog time is known', () => {
  const history = foldEvents(evolveOfflineAudit, emptyOfflineAudit, [
    barDown,
    barQueued('b3', '2024-05-10T20:31:00.000Z'),
    barQueued('b4', '2024-05-10T20:31:30.000Z'),
    barBack,
  ]);
  const period = history.periods[barDown.position];
  assert.ok(period);
  const loaded = {
    periods: { [period.id]: period },
    open: {},
    bufferedJobs: { b3: period.id, b4: period.id },
  };
  specify(evolveOfflineAudit, loaded)
    .given(
      event('PrintJobCancelled', '2024-05-10T20:33:30.000Z', { jobId: 'b3', reason: 'order canceled' }),
      event('PrintJobPrinted', '2024-05-10T20:35:00.000Z', {
        jobId: 'b4',
        printer: 'bar',
        attempt: 1,
        confirmation: 'confirmed',
      }),
    )
    .then((audit) => {
      assert.equal(audit.periods[period.id]?.backlogPending, 0);
      assert.equal(audit.periods[period.id]?.backlogPrintedAfterMs, 2 * 60_000);
      assert.deepEqual(audit.bufferedJobs, {});
    });
});

test.run();
