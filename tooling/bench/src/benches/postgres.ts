// `npm run bench -- postgres [--events N] [--url postgres://…]`: the log on PostgreSQL. Appends with
// one writer and with several writer processes racing (batches), the live tail's latency from an append in
// one store to its delivery in another (through LISTEN/NOTIFY), and the views projected into
// PostgreSQL, printed with the server's settings. Each measurement gets a database of its own on
// the test cluster the setup starts, or on the server given by --url (one we may create databases on).
import { join } from 'node:path';
import type { AsyncEventStore, NewEvent } from '@bonrelay/event-store';
import { openPostgresEventStore } from '@bonrelay/event-store';
import { createTestDatabase, postgresTestUrl } from '@bonrelay/pg-test';
import {
  connectivityView,
  logMetricsView,
  offlinePeriodsView,
  ordersView,
  postgresViewConnection,
  printJobsView,
  startAsyncViewProjector,
} from '@bonrelay/views';
import pg from 'pg';
import { queueScheduler } from 'rxjs';
import { numberArg } from '../support/args.ts';
import { startChild } from '../support/child-process.ts';
import { formatRate, markdownTable } from '../support/table.ts';

const settingNames = [
  'server_version',
  'fsync',
  'synchronous_commit',
  'wal_sync_method',
  'full_page_writes',
  'wal_level',
  'shared_buffers',
  'max_wal_size',
  'commit_delay',
  'max_connections',
];

async function settings(url: string): Promise<string[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
    'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
    [settingNames],
  );
  await client.end();
  return rows.map((row) => [row.name, `${row.setting}${row.unit ? ` ${row.unit}` : ''}`]);
}

/** An order as it lands in the log: about 400 bytes of JSON, like the event-store bench's. */
function orderEvent(writer: string, index: number): NewEvent {
  return {
    id: `order-received:${writer}:${index}`,
    stream: `order-${writer}-${index % 500}`,
    type: 'OrderReceived',
    data: {
      order: {
        id: `wix-${writer}-${index}`,
        lines: [
          { name: 'Pho bo', quantity: 2, price: 1290, options: ['extra herbs'] },
          { name: 'Spring rolls', quantity: 1, price: 650, options: [] },
        ],
        customer: { name: 'Ada Lovelace', phone: '+49 30 1234567' },
      },
    },
    metadata: { correlationId: `wix-${index}`, source: 'wix' },
  };
}

/** Each measurement on a fresh database of its own, dropped afterwards, so every log starts empty. */
async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const database = await createTestDatabase('bonrelay_bench');
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

const writerScript = join(import.meta.dirname, '..', 'support', 'postgres-writer-process.ts');

/**
 * `writers` processes (as replicas would be, each with its own connection) appending `events` in
 * total, batches of `size`, all started at once; timed from the start signal to the last answer.
 */
async function appendRate(writers: number, size: number, events: number): Promise<number> {
  return withDatabase(async (target) => {
    const children = await Promise.all(
      Array.from({ length: writers }, (_, writer) =>
        startChild(writerScript, { BENCH_PG_URL: target, BENCH_PG_WRITER: `w${writer}` }),
      ),
    );
    const batches = Math.ceil(events / writers / size);
    const started = performance.now();
    await Promise.all(children.map((child) => child.ask('append', { batches, size })));
    const ms = performance.now() - started;
    for (const child of children) await child.stop();
    const total = batches * size * writers;
    const store = await openPostgresEventStore(target);
    const last = await store.lastPosition();
    const verified = await store.verify();
    await store.close();
    if (last !== total || !verified.ok)
      throw new Error(`log not gap-free after the race: ${last} of ${total}`);
    return (total / ms) * 1000;
  });
}

/** Milliseconds from an append's start in one store to its delivery by another store's live tail. */
async function liveLatency(samples: number): Promise<{ p50: number; p99: number; max: number }> {
  return withDatabase(async (target) => {
    const writer = await openPostgresEventStore(target);
    const reader = await openPostgresEventStore(target);
    const delivered = new Map<string, number>();
    let wake: (() => void) | undefined;
    const subscription = reader.live().subscribe((event) => {
      delivered.set(event.id, performance.now());
      wake?.();
    });
    const latencies: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      const event = orderEvent('live', index);
      const arrived = new Promise<void>((resolve) => {
        wake = () => {
          if (delivered.has(event.id)) resolve();
        };
      });
      const started = performance.now();
      await writer.append([event]);
      await arrived;
      latencies.push(delivered.get(event.id)! - started);
    }
    subscription.unsubscribe();
    await writer.close();
    await reader.close();
    latencies.sort((a, b) => a - b);
    const at = (share: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))]!;
    return { p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1]! };
  });
}

/** Events per second the five views fold into PostgreSQL, catching up on a log of orders and tickets. */
async function projectionRate(orders: number): Promise<number> {
  return withDatabase(async (target) => {
    const store: AsyncEventStore = await openPostgresEventStore(target);
    let total = 0;
    for (let start = 0; start < orders; start += 100) {
      const batch: NewEvent[] = [];
      for (let index = start; index < Math.min(orders, start + 100); index += 1) {
        const orderId = `o${index}`;
        batch.push({
          id: `received:${orderId}`,
          stream: `order-${orderId}`,
          type: 'OrderReceived',
          data: {
            order: {
              id: orderId,
              source: 'wix',
              status: 'APPROVED',
              createdAt: '2026-11-27T18:00:00.000Z',
              currency: 'EUR',
              fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
              customer: {},
              lineItems: [{ name: 'Pho', quantity: 1, unitPrice: 1290, linePrice: 1290, options: [] }],
              totals: { subtotal: 1290, shipping: 0, tax: 0, discount: 0, total: 1290 },
            },
          },
        });
        const job = { jobId: `${orderId}/kitchen`, printer: 'kitchen' };
        batch.push({
          id: `queued:${orderId}`,
          stream: `print-job-${job.jobId}`,
          type: 'PrintJobQueued',
          data: { ...job, orderId, ticket: 'kitchen', priority: 'normal', reprint: false },
        });
        batch.push({
          id: `printed:${orderId}`,
          stream: `print-job-${job.jobId}`,
          type: 'PrintJobPrinted',
          data: { ...job, attempt: 1, confirmation: 'confirmed' },
        });
      }
      total += (await store.append(batch)).appended.length;
    }
    const connection = postgresViewConnection(target);
    const started = performance.now();
    const projector = await startAsyncViewProjector({
      store,
      connection,
      views: [
        ordersView({ businessDay: { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' } }),
        printJobsView,
        connectivityView,
        offlinePeriodsView,
        logMetricsView,
      ],
      scheduler: queueScheduler,
      flushIntervalMs: 0,
    });
    await projector.caughtUp;
    const ms = performance.now() - started;
    await projector.stop();
    await connection.close();
    await store.close();
    return (total / ms) * 1000;
  });
}

export async function run(args: string[]): Promise<void> {
  const urlIndex = args.indexOf('--url');
  const given = urlIndex < 0 ? undefined : args[urlIndex + 1];
  const events = numberArg(args, '--events', 20_000);
  const orders = numberArg(args, '--orders', 3_000);
  // A server given by --url is used as the test helper would use the test cluster's.
  if (given !== undefined) process.env.BONRELAY_TEST_POSTGRES_URL = given;
  const url = await postgresTestUrl();

  console.log(`\nPostgreSQL settings (${url.replace(/\/\/[^@]*@/, '//')})\n`);
  console.log(markdownTable(['setting', 'value'], await settings(url)));

  const rows: string[][] = [];
  for (const [writers, size] of [
    [1, 1],
    [1, 10],
    [1, 100],
    [4, 1],
    [4, 10],
    [4, 100],
    [8, 100],
    [1, 1_000],
    [4, 1_000],
  ] as const) {
    const count = size === 1 ? Math.min(events, 2_000) : events;
    rows.push([String(writers), String(size), formatRate(await appendRate(writers, size, count))]);
  }
  console.log('\nAppends (events/s; every run ends gap-free and verified)\n');
  console.log(markdownTable(['writers', 'batch', 'events/s'], rows));

  const latency = await liveLatency(300);
  console.log('\nlive(): append in one store → delivery in another (300 single-event appends, ms)\n');
  console.log(
    markdownTable(
      ['p50', 'p99', 'max'],
      [[latency.p50.toFixed(2), latency.p99.toFixed(2), latency.max.toFixed(2)]],
    ),
  );

  const projected = await projectionRate(orders);
  console.log(`\nViews catching up in PostgreSQL (${orders * 3} events, five views)\n`);
  console.log(markdownTable(['events/s'], [[formatRate(projected)]]));
}
