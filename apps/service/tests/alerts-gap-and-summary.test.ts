import {
  type AnyDomainEvent,
  type EventDataByType,
  type EventType,
  initialConnectivity,
} from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dailySummaryAlert, summaryDue } from '../src/alerts/daily-summary.ts';
import {
  type AlertLog,
  decideAlerts,
  initialAlertLog,
  initialAlerts,
  reduceAlertLog,
} from '../src/alerts/index.ts';

const rules = {
  printerOfflineAfterMs: 120_000,
  queueAgeThresholdMs: 300_000,
  paperNearEnd: true,
  locale: 'en-GB',
};
const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };
const gap: EventDataByType['WebhookDeliveryGap'] = {
  orders: 2,
  oldestOrderId: 'wix-1001',
  oldestUpdatedAt: '2026-11-27T19:00:00.000Z',
  lastWebhookAt: '2026-11-27T18:10:00.000Z',
  detectedAt: '2026-11-27T19:03:00.000Z',
};
const at = (time: string) => new Date(time);
const quiet = { connectivity: initialConnectivity, backlog: [] };

type Fact = { [T in EventType]: [T, EventDataByType[T]] }[EventType];
const event = ([type, data]: Fact, index = 0) =>
  ({ type, data, position: index + 1, recordedAt: '2026-11-27T19:05:00.000Z' }) as AnyDomainEvent;
function folded(channel: 'webhook' | 'email', ...facts: Fact[]): AlertLog {
  return facts.reduce(
    (log, fact, index) => reduceAlertLog(log, event(fact, index), channel),
    initialAlertLog,
  );
}

test('given a webhook delivery gap, when checked, then one alert says Wix cannot reach the box, until webhooks flow again', () => {
  const first = decideAlerts(initialAlerts, { ...quiet, wix: { gap } }, at('2026-11-27T19:03:10Z'), rules);
  assert.equal(
    first.raise.map(({ kind, subject }) => ({ kind, subject })),
    [{ kind: 'webhook-delivery-gap', subject: 'wix' }],
  );
  assert.match(
    first.raise[0]?.message ?? '',
    /^Wix cannot reach this box: 2 orders came only through the minute-by-minute fetch \(oldest wix-1001/,
  );
  assert.match(first.raise[0]?.message ?? '', /check the tunnel \/ public URL$/);

  const wider = { ...gap, orders: 5 };
  const later = decideAlerts(
    first.state,
    { ...quiet, wix: { gap: wider } },
    at('2026-11-27T19:10:00Z'),
    rules,
  );
  assert.equal(later.raise, [], 'one alert per gap, not one per catch-up pass');

  const over = decideAlerts(later.state, { ...quiet, wix: {} }, at('2026-11-27T19:20:10Z'), rules);
  assert.equal(
    over.clear.map((alert) => alert.kind),
    ['webhook-delivery-gap'],
  );
});

test('given a log begun before the day ended, when the business day ends, then that day is due once', () => {
  const began = '2026-11-27T10:00:00.000Z';
  // 04:00 in Berlin on the 28th is 03:00 UTC.
  assert.is(
    summaryDue(undefined, at('2026-11-28T02:59:59Z'), berlin, began),
    undefined,
    'the 27th has not ended; the 26th ended before the log began',
  );
  assert.is(summaryDue(undefined, at('2026-11-28T03:00:00Z'), berlin, began), '2026-11-27');
  assert.is(summaryDue('2026-11-27', at('2026-11-28T22:00:00Z'), berlin, began), undefined, 'once');
  assert.is(summaryDue('2026-11-27', at('2026-11-29T03:00:00Z'), berlin, began), '2026-11-28');
});

test('given a fresh install, when it starts, then it does not summarise a day from before its log', () => {
  assert.is(summaryDue(undefined, at('2026-11-27T15:00:00Z'), berlin, '2026-11-27T14:00:00.000Z'), undefined);
  assert.is(summaryDue(undefined, at('2026-11-27T15:00:00Z'), berlin, undefined), undefined, 'an empty log');
});

test('given a box that was off for three days, when it comes back, then only the last ended day is summarised', () => {
  assert.is(
    summaryDue('2026-11-24', at('2026-11-28T09:00:00Z'), berlin, '2026-11-01T00:00:00.000Z'),
    '2026-11-27',
  );
});

const summary = (businessDay: string, locale = 'en-GB') =>
  dailySummaryAlert(
    {
      businessDay,
      orders: 42,
      outages: 2,
      minutesOffline: 17,
      ticketsReprinted: 3,
      offline: [
        { component: 'printer:kitchen', outages: 1, minutes: 12 },
        { component: 'internet', outages: 1, minutes: 5 },
      ],
    },
    at('2026-11-28T03:00:00Z'),
    locale,
  );

test('given a daily summary, then it waits for delivery on each channel but is never an open alert', () => {
  const raised = summary('2026-11-27');
  assert.is(
    raised.message,
    'Business day Fri, 27/11/2026: 42 orders, 2 outages, 17 min offline, 3 tickets reprinted',
  );
  const log = folded('email', ['AlertRaised', raised]);
  assert.equal(log.state.open, {}, 'nothing to clear, nothing to keep open');
  assert.equal(Object.keys(log.pending), ['daily-summary:2026-11-27|raised']);
  assert.is(log.lastSummary?.subject, '2026-11-27');
});

test('given a summary that never got through, when the next day is summarised, then only the newest waits', () => {
  const log = folded(
    'email',
    ['AlertRaised', summary('2026-11-27')],
    [
      'AlertDeliveryFailed',
      {
        alertId: 'daily-summary:2026-11-27',
        attempt: 8,
        error: 'ECONNREFUSED',
        final: false,
        channel: 'email',
      },
    ],
    ['AlertRaised', summary('2026-11-28')],
  );
  assert.equal(Object.keys(log.pending), ['daily-summary:2026-11-28|raised']);
});

test('given a notice the webhook took, then the e-mail channel still waits for its own delivery', () => {
  const raised = summary('2026-11-27');
  const facts: Fact[] = [
    ['AlertRaised', raised],
    ['AlertDelivered', { alertId: raised.alertId, attempt: 1, notice: 'raised' }],
  ];
  assert.equal(folded('webhook', ...facts).pending, {});
  assert.equal(Object.keys(folded('email', ...facts).pending), ['daily-summary:2026-11-27|raised']);
  const mailed = folded('email', ...facts, [
    'AlertDelivered',
    { alertId: raised.alertId, attempt: 1, notice: 'raised', channel: 'email' },
  ]);
  assert.equal(mailed.pending, {});
  assert.equal(
    Object.keys(
      folded('webhook', ...facts, [
        'AlertDeliveryFailed',
        { alertId: raised.alertId, attempt: 1, error: 'x', final: true, channel: 'email' },
      ]).pending,
    ),
    [],
  );
});

test('given alerts.locale de-DE, then the summary alert (what the webhook carries) says the day in German', () => {
  assert.is(
    summary('2026-11-27', 'de-DE').message,
    'Geschäftstag Fr., 27.11.2026: 42 Bestellungen, 2 Störungen, 17 min offline, 3 Bons nachgedruckt',
  );
});

test.run();
