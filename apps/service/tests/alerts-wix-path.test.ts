import { initialConnectivity } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WixHealthSnapshot } from '../src/alerts/alert-types.ts';
import { type AlertRules, type AlertsSnapshot, decideAlerts, initialAlerts } from '../src/alerts/index.ts';

const rules: AlertRules = {
  printerOfflineAfterMs: 120_000,
  queueAgeThresholdMs: 300_000,
  paperNearEnd: true,
  locale: 'en-GB',
};
const now = new Date('2026-11-27T19:05:00Z');
const snapshot = (wix?: WixHealthSnapshot): AlertsSnapshot => ({
  connectivity: initialConnectivity,
  backlog: [],
  ...(wix ? { wix } : {}),
});
const gap = {
  orders: 2,
  oldestOrderId: 'order-7',
  oldestUpdatedAt: '2026-11-27T19:00:00.000Z',
  lastWebhookAt: '2026-11-27T18:40:00.000Z',
  detectedAt: '2026-11-27T19:03:00.000Z',
};
const skew = {
  offsetMs: -7 * 60_000,
  source: 'wix-api-date' as const,
  measuredAt: '2026-11-27T19:04:00.000Z',
};

test('given an open webhook gap, then one alert tells staff to check the tunnel; once restored, it clears', () => {
  const raised = decideAlerts(initialAlerts, snapshot({ gap }), now, rules);
  assert.equal(
    raised.raise.map((alert) => [alert.kind, alert.subject]),
    [['webhook-delivery-gap', 'wix']],
  );
  assert.match(
    raised.raise[0]?.message ?? '',
    /Wix cannot reach this box: 2 orders.*order-7.*check the tunnel/,
  );
  assert.is(decideAlerts(raised.state, snapshot({ gap }), now, rules).raise.length, 0, 'not twice');
  const cleared = decideAlerts(raised.state, snapshot({}), now, rules);
  assert.equal(
    cleared.clear.map((alert) => alert.kind),
    ['webhook-delivery-gap'],
  );
});

test('given a clock beyond the threshold, then an alert says how far and which way; once back, it clears', () => {
  const raised = decideAlerts(initialAlerts, snapshot({ skew }), now, rules);
  assert.equal(
    raised.raise.map((alert) => [alert.kind, alert.message]),
    [
      [
        'clock-skew',
        'This box’s clock is 7 min ahead of Wix: tickets show wrong times and business days; check the time / NTP',
      ],
    ],
  );
  assert.equal(
    decideAlerts(raised.state, snapshot({}), now, rules).clear.map((alert) => alert.kind),
    ['clock-skew'],
  );
});

test('given no Wix health in the snapshot, then an open Wix alert is neither raised nor cleared', () => {
  const raised = decideAlerts(initialAlerts, snapshot({ gap }), now, rules);
  const silent = decideAlerts(raised.state, snapshot(), now, rules);
  assert.equal([silent.raise.length, silent.clear.length], [0, 0]);
});

test.run();
