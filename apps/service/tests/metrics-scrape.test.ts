import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventDataByType, type EventType, eventToAppend, type Order } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { createServiceMetrics } from '../src/metrics/index.ts';
import { startViews } from '../src/projections/bonrelay-views.ts';

// A tiny reader of the Prometheus text format: `name{a="x",b="y"} value` per sample line.
type Samples = Map<string, number>;
function parseExposition(body: string): { samples: Samples; types: Map<string, string> } {
  const samples: Samples = new Map();
  const types = new Map<string, string>();
  for (const line of body.split('\n')) {
    const type = line.match(/^# TYPE (\S+) (\S+)$/);
    if (type) types.set(type[1]!, type[2]!);
    if (line === '' || line.startsWith('#')) continue;
    const sample = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
    assert.ok(sample, `not an exposition line: ${line}`);
    const labels = [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, name, value]) => `${name}=${value}`)
      .sort();
    samples.set(`${sample[1]}{${labels.join(',')}}`, Number(sample[3]));
  }
  return { samples, types };
}
function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number | undefined {
  const key = Object.entries(labels)
    .map(([label, value]) => `${label}=${value}`)
    .sort()
    .join(',');
  return samples.get(`${name}{${key}}`);
}

const start = Date.parse('2026-11-27T19:00:00Z');
let now = start;
const at = (seconds: number) => {
  now = start + seconds * 1000;
};

function order(id: string, source: Order['source'] = 'wix'): Order {
  return {
    id,
    source,
    status: 'APPROVED',
    createdAt: new Date(start).toISOString(),
    currency: 'EUR',
    fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
    customer: {},
    lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 900, linePrice: 900, options: [] }],
    totals: { subtotal: 900, shipping: 0, tax: 0, discount: 0, total: 900 },
  };
}
let serial = 0;
const event = <T extends EventType>(type: T, data: EventDataByType[T]) =>
  eventToAppend(type, 'metrics-spec', `${type}-${++serial}`, data);
const queued = (jobId: string, orderId: string, printer: string, reprint = false) =>
  event('PrintJobQueued', { jobId, orderId, ticket: 'kitchen', printer, priority: 'normal', reprint });

function openService() {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-metrics-')), 'log.db');
  const store = openEventStore({ file, clock: () => new Date(now) });
  const config = loadConfig({});
  const views = startViews(store, config, undefined, queueScheduler);
  const clock = () => new Date(now);
  const metrics = createServiceMetrics({ views, clock, printers: ['kitchen', 'bar'] });
  // A scrape reads the tables, which follow the log within one flush interval: flush, as time would.
  const scrape = async () => {
    views.flush();
    return parseExposition((await metrics.scrape()).body);
  };
  return { store, views, config, metrics, scrape, clock };
}

/** Friday evening: two webhooks in, three forged ones, the kitchen printer down for 90 s. */
function fridayEvening() {
  return [
    () => at(0),
    [
      event('WebhookReceived', { webhookId: 'w1', eventType: 'wix.ecom.v1.order_created' }),
      event('OrderReceived', { order: order('o1') }),
      queued('job-1', 'o1', 'kitchen'),
      event('PrinterStatusChanged', { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused' }),
      event('PrintAttemptStarted', { jobId: 'job-1', printer: 'kitchen', attempt: 1 }),
      event('PrintAttemptFailed', {
        jobId: 'job-1',
        printer: 'kitchen',
        attempt: 1,
        failure: 'refused',
        counted: false,
        nextAttemptAt: new Date(start + 1000).toISOString(),
      }),
      event('WebhookRejected', { reason: 'bad-signature', minute: new Date(start).toISOString(), count: 3 }),
    ],
    () => at(90),
    [
      event('PrinterStatusChanged', {
        printer: 'kitchen',
        from: 'offline',
        to: 'online',
        reason: 'answered',
      }),
      event('PrintJobPrinted', { jobId: 'job-1', printer: 'kitchen', attempt: 2, confirmation: 'confirmed' }),
    ],
    () => at(100),
    [
      event('WebhookReceived', { webhookId: 'w2', eventType: 'wix.ecom.v1.order_created' }),
      event('OrderReceived', { order: order('o2') }),
      queued('job-2', 'o2', 'bar'),
      event('PrinterBreakerChanged', { printer: 'bar', from: 'closed', to: 'open' }),
    ],
    () => at(160),
  ] as const;
}

function replay(store: ReturnType<typeof openService>['store'], steps: ReturnType<typeof fridayEvening>) {
  for (const step of steps) {
    if (typeof step === 'function') step();
    else store.append(step);
  }
}

test('given a Friday evening in the log, when Prometheus scrapes, then every number tells the evening', async () => {
  const { store, metrics, scrape } = openService();
  replay(store, fridayEvening());

  const { samples, types } = await scrape();

  assert.is(sample(samples, 'bonrelay_webhooks_total', { outcome: 'accepted' }), 2);
  assert.is(sample(samples, 'bonrelay_webhooks_total', { outcome: 'duplicate' }), 0);
  assert.is(sample(samples, 'bonrelay_webhooks_total', { outcome: 'rejected', reason: 'bad-signature' }), 3);
  assert.is(sample(samples, 'bonrelay_orders_total', { source: 'wix' }), 2);
  assert.is(sample(samples, 'bonrelay_print_attempts_total', { printer: 'kitchen', outcome: 'refused' }), 1);
  assert.is(sample(samples, 'bonrelay_print_attempts_total', { printer: 'kitchen', outcome: 'printed' }), 1);
  assert.is(types.get('bonrelay_print_latency_seconds'), 'histogram');
  assert.is(sample(samples, 'bonrelay_print_latency_seconds_count', { ticket: 'kitchen' }), 1);
  assert.is(sample(samples, 'bonrelay_print_latency_seconds_sum', { ticket: 'kitchen' }), 90);
  assert.is(sample(samples, 'bonrelay_print_latency_seconds_bucket', { ticket: 'kitchen', le: '60' }), 0);
  assert.is(sample(samples, 'bonrelay_print_latency_seconds_bucket', { ticket: 'kitchen', le: '120' }), 1);

  assert.is(sample(samples, 'bonrelay_print_jobs', { state: 'printed', printer: 'kitchen' }), 1);
  assert.is(sample(samples, 'bonrelay_print_jobs', { state: 'queued', printer: 'bar' }), 1);
  assert.is(sample(samples, 'bonrelay_print_jobs', { state: 'gave-up', printer: 'kitchen' }), 0);
  assert.is(sample(samples, 'bonrelay_queue_depth', { printer: 'kitchen' }), 0);
  assert.is(sample(samples, 'bonrelay_queue_depth', { printer: 'bar' }), 1);
  assert.is(sample(samples, 'bonrelay_queue_oldest_age_seconds', { printer: 'bar' }), 60);
  assert.is(sample(samples, 'bonrelay_queue_oldest_age_seconds', { printer: 'kitchen' }), 0);
  assert.is(sample(samples, 'bonrelay_breaker_state', { printer: 'bar' }), 2);
  assert.is(sample(samples, 'bonrelay_breaker_state', { printer: 'kitchen' }), 0);
  assert.is(types.get('bonrelay_offline_seconds_total'), 'counter');
  assert.is(sample(samples, 'bonrelay_offline_seconds_total', { component: 'printer:kitchen' }), 90);
  assert.is(sample(samples, 'bonrelay_offline_seconds_total', { component: 'printer:bar' }), 0);
  assert.is(sample(samples, 'bonrelay_offline_seconds_total', { component: 'internet' }), 0);
  assert.is(sample(samples, 'bonrelay_outages_total', { component: 'printer:kitchen' }), 1);
  assert.ok(types.has('process_cpu_user_seconds_total'), 'Node process metrics are included');
  assert.ok(types.has('nodejs_eventloop_lag_seconds'));

  metrics.stop();
  store.close();
});

test('given a scraped service, when more happens, then counters move and ongoing outages keep counting', async () => {
  const { store, metrics, scrape } = openService();
  replay(store, fridayEvening());
  const before = (await scrape()).samples;

  store.append([
    event('WebhookReceived', { webhookId: 'w3', eventType: 'wix.ecom.v1.order_created' }),
    event('OrderReceived', { order: order('local-1', 'local') }),
    event('PrinterStatusChanged', { printer: 'bar', from: 'online', to: 'paper-end', reason: 'sensor' }),
    queued('job-3', 'local-1', 'bar'),
    queued('job-3-again', 'local-1', 'bar', true),
    event('PrintJobCancelled', { jobId: 'job-3', reason: 'order cancelled' }),
  ]);
  at(220);
  const after = (await scrape()).samples;

  assert.is(sample(before, 'bonrelay_webhooks_total', { outcome: 'accepted' }), 2);
  assert.is(sample(after, 'bonrelay_webhooks_total', { outcome: 'accepted' }), 3);
  assert.is(sample(after, 'bonrelay_orders_total', { source: 'local' }), 1);
  assert.is(sample(after, 'bonrelay_orders_total', { source: 'wix' }), 2);
  assert.is(sample(after, 'bonrelay_outages_total', { component: 'printer:bar' }), 1);
  assert.is(sample(after, 'bonrelay_offline_seconds_total', { component: 'printer:bar' }), 60);
  assert.is(sample(after, 'bonrelay_print_jobs', { state: 'cancelled', printer: 'bar' }), 1);
  assert.is(sample(after, 'bonrelay_queue_depth', { printer: 'bar' }), 2);
  assert.is(sample(after, 'bonrelay_print_latency_seconds_count', { ticket: 'kitchen' }), 1);

  metrics.stop();
  store.close();
});

test('given a log, when the service restarts, then the counters read the same as before', async () => {
  const { store, views, clock, metrics, scrape } = openService();
  replay(store, fridayEvening());
  const before = (await scrape()).samples;
  metrics.stop();

  const restarted = createServiceMetrics({ views, clock, printers: ['kitchen', 'bar'] });
  const after = parseExposition((await restarted.scrape()).body).samples;

  for (const [key, value] of before) {
    if (key.startsWith('bonrelay_')) assert.is(after.get(key), value, key);
  }
  restarted.stop();
  store.close();
});

test('given a redelivered webhook, when ingress answers duplicate, then the duplicate counter moves', async () => {
  const { store, metrics, scrape } = openService();
  const answers = [
    { status: 200, body: { ok: true, duplicate: false } },
    { status: 200, body: { ok: true, duplicate: true } },
    { status: 401, body: { error: 'bad-signature' } },
  ];
  const receive = metrics.observeWebhooks(async () => answers.shift()!);

  const statuses = [await receive('{}'), await receive('{}'), await receive('{}')].map((a) => a.status);

  assert.equal(statuses, [200, 200, 401]);
  const { samples } = await scrape();
  assert.is(sample(samples, 'bonrelay_webhooks_total', { outcome: 'duplicate' }), 1);
  metrics.stop();
  store.close();
});

test('a scrape is Prometheus text with its content type', async () => {
  const { store, metrics } = openService();
  const { contentType, body } = await metrics.scrape();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  assert.match(body, /# HELP bonrelay_queue_depth /);
  metrics.stop();
  store.close();
});

test.run();
