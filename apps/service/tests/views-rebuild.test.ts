import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, eventToAppend, type Order, type PrinterStatus, streams } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import fc from 'fast-check';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { bonrelayTableViews, startViews } from '../src/projections/bonrelay-views.ts';

const config = loadConfig({ BONRELAY_CONFIG: '', BONRELAY_DATA_DIR: tmpdir() });
const printers = ['kitchen', 'counter'];
const statuses: PrinterStatus[] = ['online', 'offline', 'paper-end', 'cover-open', 'paper-near-end', 'error'];

function order(n: number, at: string): Order {
  return {
    id: `o${n}`,
    number: String(10_000 + n),
    source: n % 7 === 0 ? 'local' : 'wix',
    status: 'APPROVED',
    paymentStatus: n % 3 === 0 ? 'NOT_PAID' : 'PAID',
    createdAt: at,
    currency: 'EUR',
    fulfilment: {
      kind: n % 2 ? 'pickup' : 'delivery',
      wanted: { kind: 'asap' },
      address: { line: `Street ${n}` },
    },
    customer: { firstName: `Guest ${n}` },
    lineItems: [{ name: 'Pho bo', quantity: 1 + (n % 3), unitPrice: 1250, linePrice: 1250, options: [] }],
    totals: { subtotal: 1250, shipping: 0, tax: 200, discount: 0, total: 1250 },
  };
}

/** A restaurant evening from a seed: orders, tickets, attempts, outages, cancellations, in random order. */
function scenario(random: () => number, length: number): EventToAppend[][] {
  const batches: EventToAppend[][] = [];
  const jobs: { jobId: string; printer: string; attempt: number; done: boolean }[] = [];
  let orders = 0;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  for (let step = 0; step < length; step++) {
    const roll = random();
    const at = new Date(Date.UTC(2026, 10, 27, 17) + step * 20_000).toISOString();
    if (roll < 0.3 || jobs.length === 0) {
      orders++;
      const placed = order(orders, at);
      const tickets = ['kitchen', 'customer'].map((ticket) => {
        const jobId = `o${orders}/${ticket}`;
        const printer = ticket === 'kitchen' ? 'kitchen' : 'counter';
        jobs.push({ jobId, printer, attempt: 0, done: false });
        return eventToAppend('PrintJobQueued', streams.printJob(jobId), `q:${jobId}`, {
          jobId,
          orderId: placed.id,
          ticket: ticket as 'kitchen',
          printer,
          priority: pick(['normal', 'high', 'critical'] as const),
          reprint: false,
        });
      });
      batches.push([
        eventToAppend('OrderReceived', streams.order(placed.id), `r:${placed.id}`, { order: placed }),
        ...tickets,
      ]);
    } else if (roll < 0.75) {
      const job = pick(jobs.filter((candidate) => !candidate.done)) ?? pick(jobs);
      job.attempt++;
      const started = eventToAppend(
        'PrintAttemptStarted',
        streams.printJob(job.jobId),
        `s:${job.jobId}:${job.attempt}`,
        {
          jobId: job.jobId,
          printer: job.printer,
          attempt: job.attempt,
        },
      );
      const ok = random() < 0.7;
      if (ok) job.done = true;
      batches.push([
        started,
        ok
          ? eventToAppend('PrintJobPrinted', streams.printJob(job.jobId), `p:${job.jobId}:${job.attempt}`, {
              jobId: job.jobId,
              printer: job.printer,
              attempt: job.attempt,
              confirmation: random() < 0.9 ? 'confirmed' : 'written',
            })
          : eventToAppend(
              'PrintAttemptFailed',
              streams.printJob(job.jobId),
              `f:${job.jobId}:${job.attempt}`,
              {
                jobId: job.jobId,
                printer: job.printer,
                attempt: job.attempt,
                failure: pick(['refused', 'timeout', 'paper-end', 'reset-mid-job'] as const),
                counted: random() < 0.5,
                nextAttemptAt: new Date(Date.parse(at) + 5_000).toISOString(),
              },
            ),
      ]);
    } else if (roll < 0.85) {
      const printer = pick(printers);
      batches.push([
        eventToAppend('PrinterStatusChanged', streams.printer(printer), `ps:${step}`, {
          printer,
          from: 'unknown',
          to: pick(statuses),
          reason: 'probe',
          latencyMs: 3,
        }),
      ]);
    } else if (roll < 0.92) {
      batches.push([
        eventToAppend('InternetStatusChanged', streams.internet, `is:${step}`, {
          from: 'unknown',
          to: pick(['online', 'offline', 'degraded'] as const),
          failedTargets: random() < 0.5 ? ['127.0.0.1:9'] : [],
        }),
      ]);
    } else if (roll < 0.94) {
      const printer = pick(printers);
      batches.push([
        eventToAppend('PrinterBreakerChanged', streams.printer(printer), `bc:${step}`, {
          printer,
          from: 'closed',
          to: pick(['open', 'half-open', 'closed'] as const),
        }),
      ]);
    } else if (orders > 0) {
      const orderId = `o${1 + Math.floor(random() * orders)}`;
      const waiting = jobs.find((job) => job.jobId === `${orderId}/kitchen` && !job.done);
      if (waiting) waiting.done = true;
      batches.push([
        eventToAppend('OrderCanceled', streams.order(orderId), `c:${orderId}`, {
          orderId,
          reason: 'guest called',
        }),
        ...(waiting
          ? [
              eventToAppend('PrintJobCancelled', streams.printJob(waiting.jobId), `x:${waiting.jobId}`, {
                jobId: waiting.jobId,
                reason: 'order canceled',
              }),
            ]
          : []),
      ]);
    }
  }
  return batches;
}

/** Every row of the table views, in a stable order. */
function tableRows(db: import('@bonrelay/event-store').Database) {
  return {
    jobs: db.prepare('SELECT * FROM print_jobs ORDER BY job_id').all(),
    counts: db.prepare('SELECT * FROM print_job_counts WHERE jobs <> 0 ORDER BY printer, state').all(),
    printers: db.prepare('SELECT * FROM printers ORDER BY printer').all(),
    internet: db.prepare('SELECT * FROM internet').all(),
    offlinePeriods: db.prepare('SELECT * FROM offline_periods ORDER BY id').all(),
    offlineBufferedJobs: db.prepare('SELECT * FROM offline_buffered_jobs ORDER BY job_id').all(),
    orders: db.prepare('SELECT * FROM orders ORDER BY order_id').all(),
    days: db.prepare('SELECT * FROM business_days ORDER BY business_day').all(),
    counters: db.prepare('SELECT * FROM log_counters ORDER BY counter, labels').all(),
    latency: db.prepare('SELECT * FROM print_latency ORDER BY ticket').all(),
    latencyBuckets: db.prepare('SELECT * FROM print_latency_buckets ORDER BY ticket, le').all(),
    latencyPending: db.prepare('SELECT * FROM print_latency_pending ORDER BY job_id').all(),
  };
}

test('given a long random evening, dropping the read tables and replaying the log gives identical views', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      let state = seed;
      const random = () => {
        state = (state * 48271) % 2147483647;
        return state / 2147483647;
      };
      const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-rebuild-')), 'log.db');
      let tick = Date.UTC(2026, 10, 27, 17);
      const clock = () => {
        tick += 7_000;
        return new Date(tick);
      };
      const store = openEventStore({ file, clock });
      const views = startViews(store, config, undefined, queueScheduler);
      for (const batch of scenario(random, 1_500)) store.append(batch);
      views.flush();
      views.stop();
      const liveRows = tableRows(store.connection);
      rebuildViews(store, sqliteViewConnection(store.connection), bonrelayTableViews(config), {
        pageSize: 97,
      });
      assert.equal(tableRows(store.connection), liveRows);
      assert.ok(liveRows.jobs.length > 100, 'the evening queued jobs');
      assert.ok(liveRows.offlinePeriods.length > 10, 'the evening had outages');
      assert.ok(liveRows.offlineBufferedJobs.length > 0, 'tickets still wait from an outage');
      assert.is(liveRows.printers.length, 2);
      assert.ok(liveRows.latency.length > 0, 'tickets were timed');
      assert.ok(liveRows.latencyPending.length > 0, 'and some are still on their way');
      assert.ok(liveRows.orders.length > 50, 'the evening took orders');
      assert.ok(
        liveRows.orders.some((row) => (row as { canceled: number }).canceled === 1),
        'and some were cancelled',
      );

      // And a restarted service resumes from those rows without changing them.
      const restored = startViews(store, config, undefined, queueScheduler);
      restored.flush();
      restored.stop();
      assert.equal(tableRows(store.connection), liveRows);
      store.close();
    }),
    { numRuns: 2 },
  );
});

test.run();
