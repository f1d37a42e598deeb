import assert from 'node:assert/strict';
import { test } from 'uvu';
import { emptyOfflineAudit, evolveOfflineAudit } from '../src/index.ts';
import { eventLog, sampleOrder } from './support/domain-events.ts';
import { foldEvents } from './support/given-when-then.ts';
import { offlinePeriodsOf } from './support/offline-periods-of.ts';

const event = eventLog();
const gap = event('WebhookDeliveryGap', '2024-05-10T19:02:00.000Z', {
  orders: 1,
  oldestOrderId: 'o7',
  oldestUpdatedAt: '2024-05-10T19:00:00.000Z',
  lastWebhookAt: '2024-05-10T18:55:00.000Z',
  detectedAt: '2024-05-10T19:02:00.000Z',
});
const caughtUp = event('OrderReceived', '2024-05-10T19:03:00.000Z', { order: sampleOrder({ id: 'o8' }) });
const restored = event('WebhookDeliveryRestored', '2024-05-10T19:30:00.000Z', {
  gapStartedAt: '2024-05-10T19:02:00.000Z',
  restoredAt: '2024-05-10T19:30:00.000Z',
  missedOrders: 2,
});

test('given a webhook gap and its restoration, then the audit lists it as a webhook-path period beside the outages', () => {
  const audit = foldEvents(evolveOfflineAudit, emptyOfflineAudit, [gap, caughtUp, restored]);
  assert.deepEqual(offlinePeriodsOf(audit, { now: '2024-05-10T21:00:00.000Z' }), [
    {
      component: 'webhook-path',
      start: '2024-05-10T19:02:00.000Z',
      end: '2024-05-10T19:30:00.000Z',
      durationMs: 28 * 60_000,
      cause: 'webhooks not arriving',
      ordersReceived: ['o8'],
      jobsBuffered: 0,
    },
  ]);
  assert.deepEqual(audit.open, {});
});

test('given a gap not yet restored, then its period is open until now', () => {
  const audit = foldEvents(evolveOfflineAudit, emptyOfflineAudit, [gap]);
  const [open] = offlinePeriodsOf(audit, { now: '2024-05-10T19:12:00.000Z', component: 'webhook-path' });
  assert.equal(open?.end, undefined);
  assert.equal(open?.durationMs, 10 * 60_000);
});

test('given a hub-fed site whose hub stream is down, then the period names the hub as its cause', () => {
  const hubGap = event('WebhookDeliveryGap', '2024-05-10T19:04:00.000Z', {
    orders: 0,
    detectedAt: '2024-05-10T19:04:00.000Z',
    cause: 'hub-unreachable',
    hubDownSince: '2024-05-10T19:02:00.000Z',
  });
  const audit = foldEvents(evolveOfflineAudit, emptyOfflineAudit, [hubGap]);
  const [open] = offlinePeriodsOf(audit, { now: '2024-05-10T19:12:00.000Z', component: 'webhook-path' });
  assert.equal(open?.cause, 'hub unreachable');
});

test.run();
