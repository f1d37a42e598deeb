import assert from 'node:assert/strict';
import { test } from 'uvu';
import { type AnyDomainEvent, emptyOfflineAudit, evolveOfflineAudit, toOfflinePeriod } from '../src/index.ts';
import { logEvent } from './saga-support/fixtures.ts';

const at = (minute: number) =>
  new Date(Date.parse('2025-01-10T20:00:00.000Z') + minute * 60_000).toISOString();

test('an outage during which the kitchen failed over says so in the audit, with every ticket the bar printed for it', () => {
  const events: AnyDomainEvent[] = [
    logEvent(
      'PrinterStatusChanged',
      { printer: 'kitchen', from: 'online', to: 'paper-end', reason: 'status' },
      1,
      at(0),
    ),
    logEvent(
      'PrinterFailedOver',
      { printer: 'kitchen', fallback: 'bar', downSince: at(0), waiting: 2 },
      2,
      at(2),
    ),
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o1/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: false },
      3,
      at(2),
    ),
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o2/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: true },
      4,
      at(2),
    ),
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o9/bar', from: 'terrace', to: 'bar', possibleDuplicate: false },
      5,
      at(3),
    ),
    logEvent(
      'PrinterStatusChanged',
      { printer: 'kitchen', from: 'paper-end', to: 'online', reason: 'status' },
      6,
      at(9),
    ),
    logEvent('PrinterFailedBack', { printer: 'kitchen', fallback: 'bar' }, 7, at(9)),
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o3/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: false },
      8,
      at(10),
    ),
  ];
  const audit = events.reduce(evolveOfflineAudit, emptyOfflineAudit);
  const [period] = Object.values(audit.periods).map((record) => toOfflinePeriod(record, at(20)));
  assert.deepEqual(period?.fallback, { printer: 'bar', failedOverAt: at(2), ticketsMoved: 2 });
  assert.equal(period?.durationMs, 9 * 60_000);
});

test('an outage that never failed over has no fallback', () => {
  const audit = [
    logEvent(
      'PrinterStatusChanged',
      { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused' },
      1,
      at(0),
    ),
    logEvent(
      'PrintJobRerouted',
      { jobId: 'o1/kitchen', from: 'kitchen', to: 'bar', possibleDuplicate: false },
      2,
      at(1),
    ),
  ].reduce(evolveOfflineAudit, emptyOfflineAudit);
  assert.equal(Object.values(audit.periods)[0]?.fallback, undefined);
});

test.run();
