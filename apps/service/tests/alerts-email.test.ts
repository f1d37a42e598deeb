import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventDataByType,
  type EventToAppend,
  eventToAppend,
  type Order,
  streams,
} from '@bonrelay/domain';
import { type EventStore, openEventStore, type StoredEvent } from '@bonrelay/event-store';
import { filter, firstValueFrom, Subject, VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WixHealthSnapshot } from '../src/alerts/alert-types.ts';
import { type AlertMailer, createAlertMailer, startAlerts } from '../src/alerts/index.ts';
import { type Config, loadConfig } from '../src/config/index.ts';
import { startViews } from '../src/projections/bonrelay-views.ts';
import { watchUnreadableOrders } from '../src/unreadable/index.ts';
import { loopbackCertificate, type SmtpUnderTest, startSmtpUnderTest } from './support/smtp-under-test.ts';

const t0 = Date.parse('2026-11-27T19:00:00Z');
const iso = (ms: number) => new Date(t0 + ms).toISOString();
const certificate = loopbackCertificate();
const login = { user: 'alerts@trattoria.example', pass: 'p@ss:w0rd-hunter22' };
const context = { restaurant: 'Trattoria Roma', timeZone: 'Europe/Berlin', locale: 'en-GB' };
const berlinDay = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };

/** Virtual time: `advanceTo` runs every timer due by then, and the clock reads the virtual now. */
function virtualTime() {
  const scheduler = new VirtualTimeScheduler();
  return {
    scheduler,
    clock: () => new Date(t0 + scheduler.now()),
    advanceTo(ms: number) {
      scheduler.maxFrames = ms;
      scheduler.flush();
      scheduler.frame = ms;
    },
  };
}

function restaurant(time: ReturnType<typeof virtualTime>) {
  const store = openEventStore({
    file: join(mkdtempSync(join(tmpdir(), 'bonrelay-mail-')), 'log.db'),
    clock: time.clock,
  });
  return { store, views: startViews(store, loadConfig({})) };
}

function alertsConfig(changes: Partial<Config['alerts']> = {}): Config['alerts'] {
  return {
    ...loadConfig({}).alerts,
    printerOfflineAfterMs: 60_000,
    queueAgeThresholdMs: 120_000,
    checkIntervalMs: 10_000,
    retry: { baseMs: 1_000, factor: 2, capMs: 60_000, maxAttempts: 5 },
    ...changes,
  };
}

function mailer(url: string, tls = true, locale = context.locale): AlertMailer {
  return createAlertMailer({
    email: { smtpUrl: url, to: ['manager@trattoria.example', 'owner@trattoria.example'], timeoutMs: 5_000 },
    ...(tls ? { tls: { ca: certificate.cert } } : {}),
    context: { ...context, locale },
  });
}
const smtpUrl = (server: SmtpUnderTest, scheme = 'smtp') =>
  `${scheme}://${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@127.0.0.1:${server.port}`;

const printerStatus = (printer: string, to: EventDataByType['PrinterStatusChanged']['to'], id: string) =>
  eventToAppend('PrinterStatusChanged', streams.printer(printer), id, {
    printer,
    from: 'online',
    to,
    reason: to === 'offline' ? 'connection refused' : 'answered',
  });

/** Resolves with the first fact matching, whenever it lands in the log (no sleeping). */
function logged(
  store: EventStore,
  type: string,
  match: (data: Record<string, unknown>) => boolean = () => true,
) {
  return firstValueFrom(
    store
      .live(0)
      .pipe(filter((event) => event.type === type && match(event.data as Record<string, unknown>))),
  );
}
const mailFacts = (store: EventStore) =>
  store
    .read({ types: ['AlertDelivered', 'AlertDeliveryFailed'] })
    .map((event: StoredEvent): Record<string, unknown> => ({ type: event.type, ...(event.data as object) }));
const lines = (text: string | undefined) => (text ?? '').trimEnd().split('\n');

test('given a STARTTLS server that wants a login, when the kitchen printer stays offline, then one mail per notice arrives over TLS, and each delivery is an event', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  store.append([printerStatus('kitchen', 'offline', 'down')]);
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp)),
  });

  time.advanceTo(60_000);
  await logged(store, 'AlertDelivered');
  time.advanceTo(600_000);
  store.append([printerStatus('kitchen', 'online', 'up')]);
  await logged(store, 'AlertDelivered', (data) => data.notice === 'cleared');
  time.advanceTo(900_000);

  const alertId = `printer-offline:kitchen:${iso(60_000)}`;
  assert.equal(mailFacts(store), [
    { type: 'AlertDelivered', alertId, attempt: 1, notice: 'raised', channel: 'email' },
    { type: 'AlertDelivered', alertId, attempt: 1, notice: 'cleared', channel: 'email' },
  ]);
  assert.is(smtp.received.length, 2, 'one mail per notice, not one per check');
  const [raised, cleared] = smtp.received;
  assert.ok(raised?.secure, 'upgraded by STARTTLS');
  assert.is(raised?.user, login.user);
  assert.equal(raised?.envelopeTo, ['manager@trattoria.example', 'owner@trattoria.example']);
  assert.equal(raised?.mail.from?.value, [{ address: login.user, name: 'bonrelay' }]);
  assert.is(raised?.mail.subject, '[Trattoria Roma] Printer kitchen cannot print');
  assert.equal(lines(raised?.mail.text), [
    'Printer "kitchen" cannot print (offline: connection refused) since Fri 27 Nov, 20:00',
    'Check its power, cable and cover. Tickets wait and print once it is back.',
    'Raised Fri 27 Nov, 20:01.',
    '— bonrelay at Trattoria Roma',
  ]);
  assert.match(String(raised?.mail.html), /<p[^>]*>Printer &#34;kitchen&#34; cannot print/);
  assert.is(cleared?.mail.subject, '[Trattoria Roma] Resolved: printer kitchen prints again');
  assert.is(lines(cleared?.mail.text)[1], 'Raised Fri 27 Nov, 20:01, resolved Fri 27 Nov, 20:10.');

  alerts.stop();
  await smtp.close();
  store.close();
});

test('given smtps:// (TLS from the first byte), when paper runs low, then the mail arrives', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'smtps', certificate, login });
  const { store, views } = restaurant(time);
  store.append([printerStatus('bar', 'paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp, 'smtps')),
  });
  const [mail] = await smtp.waitFor(1);
  assert.ok(mail?.secure);
  assert.is(mail?.mail.subject, '[Trattoria Roma] Printer bar: paper running out');
  alerts.stop();
  await smtp.close();
  store.close();
});

test('given a certificate bonrelay cannot trust, when sending, then it fails rather than send the password in the clear', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  store.append([printerStatus('bar', 'paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp), false),
  });
  const failed = await logged(store, 'AlertDeliveryFailed');
  assert.match(String((failed.data as { error: string }).error), /certificate/i);
  assert.is(smtp.received.length, 0);
  alerts.stop();
  await smtp.close();
  store.close();
});

test('given the SMTP server down, when an alert is due, then each attempt fails with backoff as an event, and the mail goes out once it is back', async () => {
  const time = virtualTime();
  const probe = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { port } = probe;
  await probe.close();
  const { store, views } = restaurant(time);
  store.append([printerStatus('bar', 'paper-near-end', 'low')]);
  const url = `smtp://${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@127.0.0.1:${port}`;
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(url),
  });

  const first = await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 1);
  time.advanceTo(1_000);
  await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 2);
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login, port });
  time.advanceTo(3_000);
  await logged(store, 'AlertDelivered');

  const alertId = `paper-near-end:bar:${iso(0)}`;
  assert.match(String((first.data as { error: string }).error), /ECONNREFUSED/);
  assert.equal(
    mailFacts(store).map(({ type, attempt, nextAttemptAt, channel }) => ({
      type,
      attempt,
      nextAttemptAt,
      channel,
    })),
    [
      { type: 'AlertDeliveryFailed', attempt: 1, nextAttemptAt: iso(1_000), channel: 'email' },
      { type: 'AlertDeliveryFailed', attempt: 2, nextAttemptAt: iso(3_000), channel: 'email' },
      { type: 'AlertDelivered', attempt: 3, nextAttemptAt: undefined, channel: 'email' },
    ],
  );
  assert.ok(mailFacts(store).every((fact) => fact.alertId === alertId));
  assert.is(smtp.received.length, 1);
  alerts.stop();
  await smtp.close();
  store.close();
});

test('given one recipient the server refuses, when an alert goes out, then the others get it once and it is not retried', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({
    tls: 'starttls',
    certificate,
    login,
    refuse: ['owner@trattoria.example'],
  });
  const { store, views } = restaurant(time);
  store.append([printerStatus('bar', 'paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp)),
  });
  await logged(store, 'AlertDelivered');
  time.advanceTo(600_000);
  assert.equal(
    mailFacts(store).map((fact) => fact.type),
    ['AlertDelivered'],
  );
  assert.equal(
    smtp.received.map((received) => received.envelopeTo),
    [['manager@trattoria.example']],
  );
  alerts.stop();
  await smtp.close();
  store.close();
});

test('given a wrong password, when sending, then the failure says the login was refused and never shows the password', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  store.append([printerStatus('bar', 'paper-near-end', 'low')]);
  const wrong = `smtp://${encodeURIComponent(login.user)}:wrong-hunter99@127.0.0.1:${smtp.port}`;
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(wrong),
  });
  const failed = await logged(store, 'AlertDeliveryFailed');
  assert.match(String((failed.data as { error: string }).error), /^EAUTH: /);
  assert.not.match(JSON.stringify(store.read({})), /hunter/);
  alerts.stop();
  await smtp.close();
  store.close();
});

const order = (id: string, at: string): Order => ({
  id,
  number: id.replace(/\D/g, ''),
  source: 'wix',
  status: 'APPROVED',
  paymentStatus: 'PAID',
  createdAt: at,
  currency: 'EUR',
  fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
  customer: { firstName: 'Ada' },
  lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 900, linePrice: 900, options: [] }],
  totals: { subtotal: 900, shipping: 0, tax: 144, discount: 0, total: 900 },
});

test('given every kind of trouble at once, when checks run for an hour, then each kind produces exactly one mail', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  const unreadable = watchUnreadableOrders(store);
  const facts: EventToAppend[] = [
    printerStatus('kitchen', 'offline', 'down'),
    printerStatus('bar', 'paper-near-end', 'low'),
    eventToAppend('PrintJobQueued', streams.printJob('j1'), 'q1', {
      jobId: 'j1',
      orderId: 'wix-1',
      ticket: 'kitchen',
      printer: 'kitchen',
      priority: 'normal',
      reprint: false,
    }),
    eventToAppend('OrderUnreadable', streams.order('wix-2'), 'order-unreadable:w2', {
      webhookId: 'w2',
      orderId: 'wix-2',
      reason: 'lineItems missing',
      body: 'jwt',
    }),
    eventToAppend('OrderFetchFailed', streams.order('wix-2'), 'order-fetch-failed:w2', {
      webhookId: 'w2',
      orderId: 'wix-2',
      error: 'no API key',
    }),
  ];
  store.append(facts);
  // The catch-up's webhook-path watch, as the service hands it over: a gap, then a wider one.
  let wixHealth: WixHealthSnapshot = {
    gap: {
      orders: 1,
      oldestOrderId: 'wix-3',
      oldestUpdatedAt: iso(0),
      lastWebhookAt: iso(-3_600_000),
      detectedAt: iso(0),
    },
  };
  const wixChanges = new Subject<void>();
  const alerts = startAlerts({
    config: alertsConfig(),
    views,
    unreadable,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp)),
    wix: { state: () => wixHealth, changes$: wixChanges },
  });

  time.advanceTo(130_000);
  await smtp.waitFor(5);
  wixHealth = {
    gap: { orders: 4, oldestOrderId: 'wix-3', oldestUpdatedAt: iso(0), detectedAt: iso(130_000) },
  };
  wixChanges.next();
  for (let at = 140_000; at <= 3_600_000; at += 60_000) time.advanceTo(at);
  await new Promise<void>((resolve) => setImmediate(resolve));

  assert.equal(smtp.received.map((received) => received.mail.subject).sort(), [
    '[Trattoria Roma] Order wix-2 could not be read — open it in Wix',
    '[Trattoria Roma] Printer bar: paper running out',
    '[Trattoria Roma] Printer kitchen cannot print',
    '[Trattoria Roma] Tickets waiting at printer kitchen',
    '[Trattoria Roma] Wix cannot reach this box',
  ]);
  for (const { mail } of smtp.received) {
    assert.ok(lines(mail.text).length <= 10, mail.subject);
    assert.ok(String(mail.html).startsWith('<!doctype html>'), mail.subject);
  }
  alerts.stop();
  unreadable.stop();
  await smtp.close();
  store.close();
});

test('given an evening with orders, an outage and a reprint, when the business day ends at 04:00, then the summary goes out by mail and webhook once', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const posted: Record<string, unknown>[] = [];
  const hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      posted.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const { store, views } = restaurant(time);
  store.append([
    eventToAppend('OrderReceived', streams.order('wix-1'), 'r1', { order: order('wix-1', iso(0)) }),
    eventToAppend('OrderReceived', streams.order('wix-2'), 'r2', { order: order('wix-2', iso(0)) }),
  ]);
  const alerts = startAlerts({
    config: alertsConfig({
      printerOfflineAfterMs: 3_600_000,
      checkIntervalMs: 60_000,
      webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`,
    }),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp)),
    businessDay: berlinDay,
  });
  time.advanceTo(600_000);
  store.append([printerStatus('kitchen', 'offline', 'down')]);
  time.advanceTo(1_320_000);
  store.append([
    printerStatus('kitchen', 'online', 'up'),
    eventToAppend('PrintJobQueued', streams.printJob('j9'), 'q9', {
      jobId: 'j9',
      orderId: 'wix-1',
      ticket: 'kitchen',
      printer: 'kitchen',
      priority: 'normal',
      reprint: true,
    }),
    eventToAppend('PrintJobPrinted', streams.printJob('j9'), 'p9', {
      jobId: 'j9',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'confirmed',
    }),
  ]);
  views.flush();
  // 04:00 in Berlin is 03:00 UTC: eight hours after 19:00 UTC.
  const dayEnd = 8 * 3_600_000;
  for (let at = 1_380_000; at < dayEnd; at += 600_000) time.advanceTo(at);
  time.advanceTo(dayEnd - 1);
  assert.is(smtp.received.length, 0, 'nothing before the day ends');
  time.advanceTo(dayEnd);
  const [mail] = await smtp.waitFor(1);
  await logged(store, 'AlertDelivered', (data) => data.channel === undefined);
  time.advanceTo(dayEnd + 3_600_000);

  assert.is(mail?.mail.subject, '[Trattoria Roma] Business day Fri, 27/11/2026: 2 orders, 1 outage');
  assert.equal(lines(mail?.mail.text), [
    'Business day Fri, 27/11/2026',
    'Orders: 2',
    'Outages: 1',
    'Minutes offline: 12',
    'Tickets reprinted: 1',
    '  printer kitchen: 1×, 12 min',
    '— bonrelay at Trattoria Roma',
  ]);
  assert.match(String(mail?.mail.html), /<td[^>]*>Orders<\/td><td[^>]*><b>2<\/b>/);
  assert.is(posted.length, 1);
  assert.equal(posted[0]?.summary, {
    businessDay: '2026-11-27',
    orders: 2,
    outages: 1,
    minutesOffline: 12,
    ticketsReprinted: 1,
    offline: [{ component: 'printer:kitchen', outages: 1, minutes: 12 }],
  });
  assert.is(posted[0]?.kind, 'daily-summary');
  assert.is(smtp.received.length, 1, 'once');
  alerts.stop();
  hook.close();
  await smtp.close();
  store.close();
});

test('given alerts.locale de-DE, when the kitchen printer stays offline and comes back, then both mails are German, with German times', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  store.append([printerStatus('kitchen', 'offline', 'down')]);
  const alerts = startAlerts({
    config: alertsConfig({ locale: 'de-DE' }),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp), true, 'de-DE'),
  });

  time.advanceTo(60_000);
  await logged(store, 'AlertDelivered');
  time.advanceTo(600_000);
  store.append([printerStatus('kitchen', 'online', 'up')]);
  await logged(store, 'AlertDelivered', (data) => data.notice === 'cleared');

  const [raised, cleared] = smtp.received;
  assert.is(raised?.mail.subject, '[Trattoria Roma] Drucker kitchen druckt nicht');
  assert.equal(lines(raised?.mail.text), [
    'Drucker „kitchen“ kann nicht drucken (offline: connection refused) seit Fr., 27. Nov., 20:00',
    'Strom, Kabel und Deckel prüfen. Die Bons warten und werden gedruckt, sobald er wieder da ist.',
    'Gemeldet Fr., 27. Nov., 20:01.',
    '— bonrelay bei Trattoria Roma',
  ]);
  assert.match(String(raised?.mail.html), /<p[^>]*>Strom, Kabel und Deckel prüfen\./);
  assert.is(cleared?.mail.subject, '[Trattoria Roma] Behoben: Drucker kitchen druckt wieder');
  assert.equal(lines(cleared?.mail.text), [
    'Behoben: Drucker „kitchen“ kann nicht drucken (offline: connection refused) seit Fr., 27. Nov., 20:00',
    'Gemeldet Fr., 27. Nov., 20:01, behoben Fr., 27. Nov., 20:10.',
    '— bonrelay bei Trattoria Roma',
  ]);
  alerts.stop();
  await smtp.close();
  store.close();
});

test('given alerts.locale de-DE and a quiet evening, when the business day ends, then the summary reads as a German owner expects', async () => {
  const time = virtualTime();
  const smtp = await startSmtpUnderTest({ tls: 'starttls', certificate, login });
  const { store, views } = restaurant(time);
  store.append([
    eventToAppend('OrderReceived', streams.order('wix-1'), 'r1', { order: order('wix-1', iso(0)) }),
  ]);
  const alerts = startAlerts({
    config: alertsConfig({ locale: 'de-DE', checkIntervalMs: 600_000 }),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    mail: mailer(smtpUrl(smtp), true, 'de-DE'),
    businessDay: berlinDay,
  });
  views.flush();
  const dayEnd = 8 * 3_600_000;
  for (let at = 600_000; at <= dayEnd; at += 600_000) time.advanceTo(at);
  const [mail] = await smtp.waitFor(1);

  assert.is(mail?.mail.subject, '[Trattoria Roma] Geschäftstag Fr., 27.11.2026: 1 Bestellung, keine Störung');
  assert.equal(lines(mail?.mail.text), [
    'Geschäftstag Fr., 27.11.2026',
    'Bestellungen: 1',
    'Störungen: 0',
    'Minuten offline: 0',
    'Bons nachgedruckt: 0',
    '— bonrelay bei Trattoria Roma',
  ]);
  alerts.stop();
  await smtp.close();
  store.close();
});

test.run();
