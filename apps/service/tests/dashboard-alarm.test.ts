import {
  makeWixOrder,
  orderCreatedDelivery,
  signWixWebhook,
  startFakeWixApi,
  type WixOrder,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alarmState } from '../src/alarm/index.ts';
import { countOf, postWixOrder } from './cli-scenario.ts';
import { startTestService, type TestService } from './support/test-service.ts';

const at = (seconds: number) => new Date(Date.parse('2025-01-10T20:00:00.000Z') + seconds * 1000);
const kitchenDown = {
  printers: [{ printer: 'kitchen', status: 'offline' as const, since: at(0).toISOString() }],
  backlog: [{ printer: 'kitchen', waiting: 3, due: 3, oldestQueuedAt: at(10).toISOString() }],
  unreadable: 0,
  soundAfterMs: 60_000,
  locale: 'en-GB',
};

test('a printer down with tickets waiting sounds once they have waited soundAfterMs with it down, and says when that will be', () => {
  assert.equal(alarmState({ ...kitchenDown, now: at(69) }), {
    sounding: false,
    reasons: [],
    recheckAt: at(70).toISOString(),
  });
  assert.equal(alarmState({ ...kitchenDown, now: at(70) }), {
    sounding: true,
    reasons: ['Printer kitchen is offline: 3 tickets waiting'],
  });
  const downLater = {
    ...kitchenDown,
    printers: [{ ...kitchenDown.printers[0]!, since: at(30).toISOString() }],
  };
  assert.is(
    alarmState({ ...downLater, now: at(70) }).recheckAt,
    at(90).toISOString(),
    'counted from when it went down',
  );
});

test('quiet while the printer prints, is not probed yet, or has nothing waiting (its tickets went to the fallback)', () => {
  const online = { ...kitchenDown, printers: [{ printer: 'kitchen', status: 'paper-near-end' as const }] };
  assert.is(alarmState({ ...online, now: at(500) }).sounding, false);
  const unknown = { ...kitchenDown, printers: [{ printer: 'kitchen', status: 'unknown' as const }] };
  assert.is(alarmState({ ...unknown, now: at(500) }).sounding, false);
  const movedAway = { ...kitchenDown, backlog: [{ printer: 'kitchen', waiting: 0, due: 0 }] };
  assert.equal(alarmState({ ...movedAway, now: at(500) }), { sounding: false, reasons: [] });
});

test('a webhook delivery gap or an order nobody can read sounds at once', () => {
  const quiet = {
    printers: [],
    backlog: [],
    unreadable: 0,
    soundAfterMs: 60_000,
    now: at(0),
    locale: 'en-GB',
  };
  assert.equal(alarmState({ ...quiet, deliveryGap: { orders: 4 } }).reasons, [
    'Wix has 4 orders it did not send: check the webhook',
  ]);
  assert.equal(alarmState({ ...quiet, deliveryGap: { orders: 1 } }).reasons, [
    'Wix has 1 order it did not send: check the webhook',
  ]);
  assert.equal(alarmState({ ...quiet, unreadable: 1 }).reasons, ['1 order from Wix could not be read']);
});

test('the reasons are worded in the dashboard locale, plurals by its rules', () => {
  const german = { ...kitchenDown, locale: 'de-DE', deliveryGap: { orders: 1 }, unreadable: 2, now: at(70) };
  assert.equal(alarmState(german).reasons, [
    'Drucker kitchen ist offline – 3 Bons warten',
    'Wix hat 1 Bestellung nicht geschickt: Webhook prüfen',
    '2 Wix-Bestellungen konnten nicht gelesen werden',
  ]);
  const oneOnPaperEnd = {
    ...german,
    printers: [{ printer: 'kitchen', status: 'paper-end' as const, since: at(0).toISOString() }],
    backlog: [{ printer: 'kitchen', waiting: 1, due: 1, oldestQueuedAt: at(10).toISOString() }],
  };
  assert.is(alarmState(oneOnPaperEnd).reasons[0], 'Drucker kitchen hat kein Papier mehr – 1 Bon wartet');
  const coverOpen = {
    ...oneOnPaperEnd,
    locale: 'en-GB',
    printers: [{ printer: 'kitchen', status: 'cover-open' as const, since: at(0).toISOString() }],
  };
  assert.is(alarmState(coverOpen).reasons[0], 'Printer kitchen has its cover open: 1 ticket waiting');
});

type Alarm = { sounding: boolean; reasons: string[] };

/** The dashboard's live stream, as the page hears it: every `alarm` message in order. */
async function alarmsHeard(
  app: TestService,
): Promise<{ heard: Alarm[]; next(check: (alarm: Alarm) => boolean): Promise<Alarm>; close(): void }> {
  const abort = new AbortController();
  const response = await fetch(`${app.url}/events/stream`, { signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const heard: Alarm[] = [];
  let buffer = '';
  let read = 0;
  async function next(check: (alarm: Alarm) => boolean): Promise<Alarm> {
    for (;;) {
      while (read < heard.length) {
        const alarm = heard[read++]!;
        if (check(alarm)) return alarm;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
      const messages = buffer.split('\n\n');
      buffer = messages.pop() ?? '';
      for (const message of messages) {
        if (!message.includes('event: alarm')) continue;
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (data) heard.push(JSON.parse(data.slice(6)) as Alarm);
      }
    }
  }
  return { heard, next, close: () => abort.abort() };
}

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';

test('the live stream tells the dashboard to sound while Wix has orders it did not send, until the next webhook comes', async () => {
  const wix = await startFakeWixApi({ apiKey, siteId });
  const app = await startTestService({
    config: { wix: { retries: 0, retryDelayMs: 10, reconcileIntervalMs: 300, webhookGraceMs: 1_000 } },
    env: { BONRELAY_WIX_API_BASE: wix.baseUrl, BONRELAY_WIX_API_KEY: apiKey, BONRELAY_WIX_SITE_ID: siteId },
  });
  const stream = await alarmsHeard(app);
  try {
    await stream.next((alarm) => !alarm.sounding);
    // Wix lists an order whose webhook never came, changed long enough ago that it is overdue.
    const overdue = new Date(Date.now() - 60_000).toISOString();
    wix.addOrder(makeWixOrder({ createdDate: overdue, updatedDate: overdue } as never));
    const gap = await stream.next((alarm) => alarm.sounding);
    assert.equal(gap.reasons, ['Wix has 1 order it did not send: check the webhook']);
    assert.is(countOf(app, 'WebhookDeliveryGap'), 1, 'the catch-up recorded the gap it sounds for');

    await postWixOrder(app);
    await stream.next((alarm) => !alarm.sounding);
    assert.is(countOf(app, 'WebhookDeliveryRestored'), 1);
  } finally {
    stream.close();
    await app.stop();
    await wix.close();
  }
});

test('the live stream tells the dashboard to sound while an order nobody can read is open', async () => {
  const app = await startTestService();
  const stream = await alarmsHeard(app);
  try {
    await stream.next((alarm) => !alarm.sounding);
    // No Wix API key here: the order cannot be fetched, so it needs a person at once.
    const { lineItems: _unreadable, ...shapeOfTomorrow } = makeWixOrder({});
    const jwt = await signWixWebhook(orderCreatedDelivery(shapeOfTomorrow as WixOrder), app.keys.privateKey);
    assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
    const unreadable = await stream.next((alarm) => alarm.sounding);
    assert.equal(unreadable.reasons, ['1 order from Wix could not be read']);
  } finally {
    stream.close();
    await app.stop();
  }
});

test.run();
