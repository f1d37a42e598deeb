import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { OfflinePeriod } from '../src/index.ts';
import { auditMetrics, emptyOfflineAudit, evolveOfflineAudit } from '../src/index.ts';
import { fridayOutages } from './support/friday-outages.ts';
import { foldEvents } from './support/given-when-then.ts';
import { offlinePeriodsOf } from './support/offline-periods-of.ts';

const minutes = (count: number) => count * 60_000;

test('given the Friday outages, then each component gets its day total, outage count and time to recovery', () => {
  const audit = foldEvents(evolveOfflineAudit, emptyOfflineAudit, fridayOutages());
  const periods = offlinePeriodsOf(audit, { now: '2024-05-10T21:00:00.000Z' });
  assert.deepEqual(auditMetrics(periods, { timeZone: 'Europe/Berlin' }), [
    {
      component: 'internet',
      day: '2024-05-10',
      offlineMs: minutes(25),
      outages: 1,
      meanTimeToRecoveryMs: minutes(25),
    },
    {
      component: 'printer:kitchen',
      day: '2024-05-10',
      offlineMs: minutes(20 + 35),
      outages: 2,
      meanTimeToRecoveryMs: minutes(27.5),
    },
  ]);
});

const overMidnight: OfflinePeriod = {
  component: 'printer:bar',
  start: '2024-05-10T21:30:00.000Z', // 23:30 in Berlin
  end: '2024-05-10T23:00:00.000Z', // 01:00 the next morning
  durationMs: minutes(90),
  cause: 'offline',
  ordersReceived: [],
  jobsBuffered: 0,
};

test('given an outage over local midnight, then its time is split between the two calendar days', () => {
  assert.deepEqual(auditMetrics([overMidnight], { timeZone: 'Europe/Berlin' }), [
    {
      component: 'printer:bar',
      day: '2024-05-10',
      offlineMs: minutes(30),
      outages: 1,
      meanTimeToRecoveryMs: minutes(90),
    },
    {
      component: 'printer:bar',
      day: '2024-05-11',
      offlineMs: minutes(60),
      outages: 0,
      meanTimeToRecoveryMs: null,
    },
  ]);
});

test('given a 04:00 business day, then the same outage belongs to one day', () => {
  assert.deepEqual(auditMetrics([overMidnight], { timeZone: 'Europe/Berlin', dayStartsAt: '04:00' }), [
    {
      component: 'printer:bar',
      day: '2024-05-10',
      offlineMs: minutes(90),
      outages: 1,
      meanTimeToRecoveryMs: minutes(90),
    },
  ]);
});

test('given an outage still open, then it counts as an outage and offline time but not toward recovery', () => {
  const open: OfflinePeriod = {
    component: 'internet',
    start: '2024-05-10T10:00:00.000Z',
    durationMs: minutes(15),
    cause: 'offline',
    ordersReceived: [],
    jobsBuffered: 0,
  };
  assert.deepEqual(auditMetrics([open], { timeZone: 'UTC' }), [
    {
      component: 'internet',
      day: '2024-05-10',
      offlineMs: minutes(15),
      outages: 1,
      meanTimeToRecoveryMs: null,
    },
  ]);
});

test('given a weekend-long outage over the autumn DST change, then the 25-hour Sunday gets 25 hours', () => {
  const weekend: OfflinePeriod = {
    ...overMidnight,
    start: '2024-10-26T20:00:00.000Z',
    end: '2024-10-28T08:00:00.000Z',
  };
  const figures = auditMetrics([{ ...weekend, durationMs: minutes(36 * 60) }], { timeZone: 'Europe/Berlin' });
  assert.deepEqual(
    figures.map((figure) => [figure.day, figure.offlineMs / minutes(60)]),
    [
      ['2024-10-26', 2],
      ['2024-10-27', 25],
      ['2024-10-28', 9],
    ],
  );
});

test('given no outages, then there are no figures', () => {
  assert.deepEqual(auditMetrics([], { timeZone: 'UTC' }), []);
});

test.run();
