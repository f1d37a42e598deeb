import type { AnyDomainEvent, EventDataByType, EventType } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AlertLog, initialAlertLog, reduceAlertLog } from '../src/alerts/index.ts';

type Fact = { [T in EventType]: [T, EventDataByType[T]] }[EventType];
function given(...facts: Fact[]): AlertLog {
  return facts.reduce(
    (log, [type, data], index) =>
      reduceAlertLog(log, {
        type,
        data,
        position: index + 1,
        recordedAt: `2026-11-27T19:0${index}:00.000Z`,
      } as AnyDomainEvent),
    initialAlertLog,
  );
}
const alert = {
  alertId: 'paper-near-end:bar:t',
  kind: 'paper-near-end',
  subject: 'bar',
  message: 'Printer "bar" is running out of paper: change the roll',
  raisedAt: '2026-11-27T19:00:00.000Z',
} as const;
const raised: Fact = ['AlertRaised', alert];
const cleared: Fact = ['AlertCleared', { alertId: alert.alertId, kind: alert.kind, subject: alert.subject }];

test('given a raised alert, then it is open and its raise notice waits for delivery', () => {
  const log = given(raised);
  assert.equal(Object.keys(log.state.open), ['paper-near-end|bar']);
  assert.equal(Object.keys(log.pending), ['paper-near-end:bar:t|raised']);
});

test('given an alert cleared before anyone heard of it, then nothing waits: "it is over" would only confuse', () => {
  const log = given(
    raised,
    ['AlertDeliveryFailed', { alertId: alert.alertId, attempt: 1, error: 'HTTP 503', final: false }],
    cleared,
  );
  assert.equal(log.state.open, {});
  assert.equal(log.pending, {});
  assert.is(log.told.size, 0);
});

test('given an alert staff were told about, when it clears, then the cleared notice waits until delivered', () => {
  const told = given(raised, ['AlertDelivered', { alertId: alert.alertId, attempt: 1 }], cleared);
  assert.equal(Object.keys(told.pending), ['paper-near-end:bar:t|cleared']);
  assert.is(told.pending['paper-near-end:bar:t|cleared']?.at, '2026-11-27T19:02:00.000Z');

  const done = reduceAlertLog(told, {
    type: 'AlertDelivered',
    data: { alertId: alert.alertId, attempt: 1, notice: 'cleared' },
    position: 4,
    recordedAt: '2026-11-27T19:03:00.000Z',
  });
  assert.equal(done.pending, {});
  assert.is(done.told.size, 0, 'nothing about a finished alert is kept');
});

test('given a final failure, then the notice stops waiting; other events leave the log as it is', () => {
  const log = given(raised, [
    'AlertDeliveryFailed',
    { alertId: alert.alertId, attempt: 3, error: 'HTTP 500', final: true },
  ]);
  assert.equal(log.pending, {});
  const same = reduceAlertLog(log, {
    type: 'ServiceStopped',
    data: { reason: 'x' },
    position: 9,
    recordedAt: 'x',
  });
  assert.is(same, log);
});

test.run();
