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

const start = Date.parse('2026-11-27T19:00:00Z');
let now = start;

function order(id: string): Order {
  return {
    id,
    source: 'wix',
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
  eventToAppend(type, 'metrics-restart-spec', `${type}-${++serial}`, data);

/** The log's own metrics in a scrape, as text: every sample line of the four counters and the histogram. */
function logMetricLines(body: string): string[] {
  return body
    .split('\n')
    .filter((line) =>
      /^bonrelay_(webhooks_total|orders_total|print_attempts_total|print_latency_seconds)/.test(line),
    );
}

/** Lets the event loop turn, so a catch-up that reads the log in pages between turns would have run. */
async function turns(count: number) {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

test('given a service that has read its log, when it restarts, then its metrics read the tables and not the old log', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-metrics-restart-')), 'log.db');
  const store = openEventStore({ file, clock: () => new Date(now) });
  const config = loadConfig({});
  const clock = () => new Date(now);
  const printers = ['kitchen'];
  let views = startViews(store, config, undefined, queueScheduler);
  let metrics = createServiceMetrics({ views, clock, printers });
  store.append([
    event('WebhookReceived', { webhookId: 'w1', eventType: 'wix.ecom.v1.order_created' }),
    event('OrderReceived', { order: order('o1') }),
    event('PrintJobQueued', {
      jobId: 'o1/kitchen',
      orderId: 'o1',
      ticket: 'kitchen',
      printer: 'kitchen',
      priority: 'normal',
      reprint: false,
    }),
    event('WebhookRejected', { reason: 'bad-signature', minute: new Date(start).toISOString(), count: 3 }),
  ]);
  now = start + 42_000;
  store.append([
    event('PrintJobPrinted', {
      jobId: 'o1/kitchen',
      printer: 'kitchen',
      attempt: 1,
      confirmation: 'confirmed',
    }),
  ]);
  views.flush();
  const before = logMetricLines((await metrics.scrape()).body);
  metrics.stop();
  views.stop();

  // Every event so far becomes unreadable: a start that decoded any of them again would fail.
  const readUpTo = store.lastPosition();
  store.connection.exec('DROP TRIGGER events_no_update');
  store.connection.prepare("UPDATE events SET data = 'unreadable' WHERE position <= ?").run(readUpTo);
  assert.throws(() => store.read({ after: 0, limit: 1 }), 'the old events no longer decode');

  views = startViews(store, config, undefined, queueScheduler);
  metrics = createServiceMetrics({ views, clock, printers });
  store.append([event('WebhookReceived', { webhookId: 'w2', eventType: 'wix.ecom.v1.order_created' })]);
  await turns(5);
  views.flush();
  const after = logMetricLines((await metrics.scrape()).body);

  assert.ok(before.includes('bonrelay_print_latency_seconds_sum{ticket="kitchen"} 42'), before.join('\n'));
  assert.equal(
    after,
    before.map((line) =>
      line === 'bonrelay_webhooks_total{outcome="accepted"} 1'
        ? 'bonrelay_webhooks_total{outcome="accepted"} 2'
        : line,
    ),
  );
  metrics.stop();
  views.stop();
  store.close();
});

test.run();
