import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventDataByType, eventToAppend } from '@bonrelay/domain';
import { type EventStore, openEventStore, type StoredEvent } from '@bonrelay/event-store';
import { filter, firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlerts } from '../src/alerts/index.ts';
import { type Config, loadConfig } from '../src/config/index.ts';
import { startViews } from '../src/projections/bonrelay-views.ts';

const t0 = Date.parse('2026-11-27T19:00:00Z');
const iso = (ms: number) => new Date(t0 + ms).toISOString();

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

interface Received {
  readonly authorization?: string;
  readonly payload: Record<string, unknown>;
}
/** A loopback alert receiver answering each delivery with the next status (the last one repeats). */
async function receiver(statuses: readonly (number | 'hang')[]) {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, payload: JSON.parse(body) });
      const status = statuses[Math.min(received.length, statuses.length) - 1]!;
      if (status !== 'hang') response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function alertsConfig(url: string | undefined, changes: Partial<Config['alerts']> = {}): Config['alerts'] {
  const base = loadConfig({}).alerts;
  return {
    ...base,
    webhookUrl: url,
    webhookToken: 'kitchen-secret',
    printerOfflineAfterMs: 60_000,
    checkIntervalMs: 10_000,
    deliveryTimeoutMs: 5_000,
    retry: { baseMs: 1_000, factor: 2, capMs: 60_000, maxAttempts: 5 },
    ...changes,
  };
}

function restaurant(time: ReturnType<typeof virtualTime>, file?: string) {
  const logFile = file ?? join(mkdtempSync(join(tmpdir(), 'bonrelay-alerts-')), 'log.db');
  const store = openEventStore({ file: logFile, clock: time.clock });
  // The tables follow the log within one flush interval, as in the service; a spec that looks at
  // once flushes them first, as time would.
  const views = startViews(store, loadConfig({}));
  return { file: logFile, store, views };
}

const printerStatus = (to: EventDataByType['PrinterStatusChanged']['to'], id: string) =>
  eventToAppend('PrinterStatusChanged', 'printer-kitchen', id, {
    printer: 'kitchen',
    from: 'online',
    to,
    reason: to === 'offline' ? 'connection refused' : 'answered',
  });

/** Resolves with the first alert fact matching, whenever it lands in the log (no sleeping). */
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
const alertFacts = (store: EventStore) =>
  store
    .read({ types: ['AlertRaised', 'AlertDelivered', 'AlertDeliveryFailed', 'AlertCleared'] })
    .map((event: StoredEvent) => ({ type: event.type, ...(event.data as object) }));

test('given a receiver failing twice, when the kitchen printer stays offline, then the alert arrives on the third try with backoff', async () => {
  const time = virtualTime();
  const hook = await receiver([503, 503, 200]);
  const { store, views } = restaurant(time);
  store.append([printerStatus('offline', 'down')]);
  const alerts = startAlerts({
    config: alertsConfig(hook.url),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
  });

  time.advanceTo(50_000);
  assert.equal(alertFacts(store), [], 'offline for 50 s is below the 60 s threshold');
  time.advanceTo(60_000);
  const first = await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 1);
  time.advanceTo(61_000);
  const second = await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 2);
  time.advanceTo(63_000);
  await logged(store, 'AlertDelivered');

  const alertId = `printer-offline:kitchen:${iso(60_000)}`;
  assert.equal((first.data as { nextAttemptAt: string }).nextAttemptAt, iso(61_000));
  assert.equal((second.data as { nextAttemptAt: string }).nextAttemptAt, iso(63_000));
  assert.equal(alertFacts(store), [
    {
      type: 'AlertRaised',
      alertId,
      kind: 'printer-offline',
      subject: 'kitchen',
      message: `Printer "kitchen" cannot print (offline: connection refused) since ${iso(0)}`,
      raisedAt: iso(60_000),
    },
    {
      type: 'AlertDeliveryFailed',
      alertId,
      attempt: 1,
      error: 'HTTP 503',
      final: false,
      notice: 'raised',
      nextAttemptAt: iso(61_000),
    },
    {
      type: 'AlertDeliveryFailed',
      alertId,
      attempt: 2,
      error: 'HTTP 503',
      final: false,
      notice: 'raised',
      nextAttemptAt: iso(63_000),
    },
    { type: 'AlertDelivered', alertId, attempt: 3, notice: 'raised' },
  ]);
  assert.is(hook.received.length, 3);
  for (const delivery of hook.received) {
    assert.is(delivery.authorization, 'Bearer kitchen-secret');
    assert.equal(delivery.payload, {
      source: 'bonrelay',
      notice: 'raised',
      alertId,
      kind: 'printer-offline',
      subject: 'kitchen',
      message: `Printer "kitchen" cannot print (offline: connection refused) since ${iso(0)}`,
      raisedAt: iso(60_000),
      at: iso(60_000),
      text: `[bonrelay] Printer "kitchen" cannot print (offline: connection refused) since ${iso(0)}`,
    });
  }

  time.advanceTo(120_000);
  assert.is(
    alertFacts(store).filter((fact) => fact.type === 'AlertRaised').length,
    1,
    'no repeat while open',
  );

  time.advanceTo(130_000);
  store.append([printerStatus('online', 'up')]);
  await logged(store, 'AlertDelivered', (data) => data.notice === 'cleared');
  assert.equal(alertFacts(store).slice(-2), [
    { type: 'AlertCleared', alertId, kind: 'printer-offline', subject: 'kitchen' },
    { type: 'AlertDelivered', alertId, attempt: 1, notice: 'cleared' },
  ]);
  const cleared = hook.received.at(-1)!.payload;
  assert.is(cleared.notice, 'cleared');
  assert.is(cleared.at, iso(130_000));
  assert.match(String(cleared.message), /^Resolved: Printer "kitchen" cannot print/);

  alerts.stop();
  await hook.close();
  store.close();
});

test('given a receiver that always fails, when attempts run out, then the last failure is final and retries stop', async () => {
  const time = virtualTime();
  const hook = await receiver([500]);
  const { store, views } = restaurant(time);
  store.append([printerStatus('paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(hook.url, { retry: { baseMs: 1_000, factor: 2, capMs: 60_000, maxAttempts: 2 } }),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
  });

  await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 1);
  time.advanceTo(1_000);
  const last = await logged(store, 'AlertDeliveryFailed', (data) => data.attempt === 2);
  time.advanceTo(600_000);

  assert.equal(last.data, {
    alertId: `paper-near-end:kitchen:${iso(0)}`,
    attempt: 2,
    error: 'HTTP 500',
    final: true,
    notice: 'raised',
  });
  assert.is(hook.received.length, 2);
  alerts.stop();
  await hook.close();
  store.close();
});

test('given an alert whose delivery was under way, when the service restarts, then it is neither raised again nor lost', async () => {
  const time = virtualTime();
  const down = await receiver([503]);
  const first = restaurant(time);
  first.store.append([printerStatus('paper-near-end', 'low')]);
  const before = startAlerts({
    config: alertsConfig(down.url),
    views: first.views,
    store: first.store,
    scheduler: time.scheduler,
    clock: time.clock,
  });
  await logged(first.store, 'AlertDeliveryFailed');
  before.stop();
  first.views.stop();
  first.store.close();
  await down.close();

  const up = await receiver([200]);
  const second = restaurant(time, first.file);
  const after = startAlerts({
    config: alertsConfig(up.url),
    views: second.views,
    store: second.store,
    scheduler: time.scheduler,
    clock: time.clock,
  });
  await logged(second.store, 'AlertDelivered');
  time.advanceTo(30_000);

  const facts = alertFacts(second.store);
  assert.equal(
    facts.map((fact) => fact.type),
    ['AlertRaised', 'AlertDeliveryFailed', 'AlertDelivered'],
  );
  assert.equal(facts[2], {
    type: 'AlertDelivered',
    alertId: `paper-near-end:kitchen:${iso(0)}`,
    attempt: 2,
    notice: 'raised',
  });
  assert.is(up.received.length, 1);
  after.stop();
  await up.close();
  second.store.close();
});

test('given a receiver that never answers, when the delivery timeout passes, then the attempt fails and is retried', async () => {
  const time = virtualTime();
  const hook = await receiver(['hang', 200]);
  const { store, views } = restaurant(time);
  store.append([printerStatus('paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(hook.url),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
  });
  await new Promise<void>((resolve) => {
    const poll = () => (hook.received.length > 0 ? resolve() : setImmediate(poll));
    poll();
  });

  time.advanceTo(5_000);
  const failed = await logged(store, 'AlertDeliveryFailed');
  time.advanceTo(6_000);
  await logged(store, 'AlertDelivered');

  assert.is((failed.data as { error: string }).error, 'no answer within 5000 ms');
  alerts.stop();
  await hook.close();
  store.close();
});

test('given no webhook configured, when a printer is low on paper, then the alert is only recorded', async () => {
  const time = virtualTime();
  const { store, views } = restaurant(time);
  store.append([printerStatus('paper-near-end', 'low')]);
  views.flush();
  let sent = 0;
  const alerts = startAlerts({
    config: alertsConfig(undefined),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
    fetch: async () => {
      sent += 1;
      return new Response(null, { status: 200 });
    },
  });
  alerts.checkNow();
  time.advanceTo(60_000);

  assert.equal(
    alertFacts(store).map((fact) => fact.type),
    ['AlertRaised'],
  );
  assert.is(sent, 0);
  alerts.stop();
  store.close();
});

test('given an unreachable receiver, when delivering, then the failure names the network error', async () => {
  const time = virtualTime();
  const gone = await receiver([200]);
  await gone.close();
  const { store, views } = restaurant(time);
  store.append([printerStatus('paper-near-end', 'low')]);
  const alerts = startAlerts({
    config: alertsConfig(gone.url),
    views,
    store,
    scheduler: time.scheduler,
    clock: time.clock,
  });

  const failed = await logged(store, 'AlertDeliveryFailed');

  assert.match((failed.data as { error: string }).error, /ECONNREFUSED/);
  alerts.stop();
  store.close();
});

test('given a log that refuses writes, when an alert is due, then the error is reported and nothing is sent', async () => {
  const time = virtualTime();
  const { store, views } = restaurant(time);
  store.append([printerStatus('paper-near-end', 'low')]);
  views.flush();
  const errors: unknown[] = [];
  const readonlyStore = {
    ...store,
    read: store.read,
    append: () => {
      throw new Error('disk full');
    },
  } as EventStore;
  const alerts = startAlerts({
    config: alertsConfig('http://127.0.0.1:9/never'),
    views,
    store: readonlyStore,
    scheduler: time.scheduler,
    clock: time.clock,
    onError: (error) => errors.push(error),
  });

  assert.ok(errors.length > 0, 'the failure is reported');
  for (const error of errors) assert.match(String(error), /disk full/);
  alerts.stop();
  store.close();
});

test.run();
