import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '@bonrelay/domain';
import { type EventStore, openEventStore, openPostgresEventStore } from '@bonrelay/event-store';
import { createTestDatabase } from '@bonrelay/pg-test';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AsyncViewConnection,
  asyncQueries,
  connectivityQueries,
  connectivityView,
  logMetricQueries,
  logMetricsView,
  offlinePeriodsView,
  orderQueries,
  ordersView,
  postgresViewConnection,
  printJobQueries,
  printJobsView,
  runOnRows,
  sqliteViewConnection,
  startAsyncViewProjector,
  startViewProjector,
  type TableView,
} from '../src/index.ts';
import { offlinePeriodQueries } from '../src/offline-periods/offline-periods-queries.ts';
import {
  at,
  breaker,
  cancelled,
  failed,
  internet,
  order,
  printed,
  printer,
  queued,
} from './given-evening.ts';
import { jobEvent } from './given-log.ts';

const berlin = { dayStartsAt: '04:00', timeZone: 'Europe/Berlin' };
const views: readonly TableView[] = [
  ordersView({ businessDay: berlin }),
  printJobsView,
  connectivityView,
  offlinePeriodsView,
  logMetricsView,
];
const tables = [
  'orders',
  'business_days',
  'print_jobs',
  'print_job_counts',
  'printers',
  'internet',
  'offline_periods',
  'offline_buffered_jobs',
  'log_counters',
  'print_latency',
  'print_latency_buckets',
  'print_latency_pending',
  'view_checkpoints',
];

/** A Friday evening touching every view: orders, tickets, a printer and the internet going away. */
function evening(): [string, EventToAppend[]][] {
  return [
    ['17:00', [printer('kitchen', 'online', 'online', 12), printer('bar', 'online'), internet('online')]],
    ['17:40', [order('o1'), queued('o1/kitchen', 'kitchen'), queued('o1/bar', 'bar')]],
    [
      '17:41',
      [
        jobEvent('PrintAttemptStarted', { jobId: 'o1/kitchen', printer: 'kitchen', attempt: 1 }),
        printed('o1/kitchen', 'kitchen'),
      ],
    ],
    ['17:45', [printer('bar', 'offline', 'connection refused'), breaker('bar', 'closed', 'open')]],
    [
      '17:46',
      [
        order('o2'),
        queued('o2/kitchen', 'kitchen'),
        queued('o2/bar', 'bar'),
        failed('o1/bar', 'bar', 'offline'),
      ],
    ],
    ['17:50', [internet('offline', ['https://probe.example.test/'])]],
    ['17:52', [order('o3'), queued('o3/kitchen', 'kitchen'), cancelled('o2/bar')]],
    ['18:05', [internet('online'), printer('bar', 'online'), breaker('bar', 'open', 'closed')]],
    ['18:06', [printed('o1/bar', 'bar'), printed('o2/kitchen', 'kitchen'), printed('o3/kitchen', 'kitchen')]],
  ];
}

async function tableRows(
  read: (statement: string) => Promise<unknown[]> | unknown[],
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    // A count that fell back to zero stays as a row or not by where batches end, on either database.
    const rows = (await read(`SELECT * FROM ${table}`)).filter(
      (row) => (row as { jobs?: number }).jobs !== 0,
    );
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

function sqliteRestaurant() {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-views-pg-')), 'log.db');
  let now = Date.parse(at('17:00'));
  const store: EventStore = openEventStore({ file, clock: () => new Date(now) });
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views,
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  return {
    store,
    connection,
    when: (time: string, events: EventToAppend[]) => {
      now = Date.parse(at(time));
      store.append(events);
      projector.flush();
    },
    stop: () => {
      projector.stop();
      store.close();
    },
  };
}

async function postgresRestaurant(maxBatch?: number) {
  const database = await createTestDatabase();
  let now = Date.parse(at('17:00'));
  const store = await openPostgresEventStore(database.url, { clock: () => new Date(now) });
  const connection = postgresViewConnection(database.url);
  return {
    database,
    store,
    connection,
    setTime: (time: string) => {
      now = Date.parse(at(time));
    },
    startProjector: () =>
      startAsyncViewProjector({
        store,
        connection,
        views,
        scheduler: queueScheduler,
        flushIntervalMs: 0,
        ...(maxBatch === undefined ? {} : { maxBatch }),
      }),
    done: async () => {
      await store.close();
      await connection.close();
      await database.drop();
    },
  };
}

const pgRows = (connection: AsyncViewConnection) => tableRows((statement) => connection.query(statement));

for (const maxBatch of [undefined, 1]) {
  test(`given the same evening, when projected into PostgreSQL (batches of ${maxBatch ?? 'any size'}), then every view holds SQLite's rows`, async () => {
    const site = sqliteRestaurant();
    const hub = await postgresRestaurant(maxBatch);
    const projector = await hub.startProjector();
    for (const [time, events] of evening()) {
      site.when(time, events);
      hub.setTime(time);
      const { lastPosition } = await hub.store.append(events);
      await new Promise<void>((resolve) => {
        const watch = projector.committed$.subscribe((position) => {
          if (position < lastPosition) return;
          queueMicrotask(() => watch.unsubscribe());
          resolve();
        });
      });
    }
    const expected = await tableRows((statement) => site.connection.prepare(statement).all());
    assert.ok(expected.print_jobs!.length === 5 && expected.offline_periods!.length === 2);
    assert.equal(await pgRows(hub.connection), expected);
    await projector.stop();
    site.stop();
    await hub.done();
  });
}

test('given the evening on both databases, when the API asks the views, then PostgreSQL answers as SQLite does', async () => {
  const site = sqliteRestaurant();
  const hub = await postgresRestaurant();
  for (const [time, events] of evening()) {
    site.when(time, events);
    hub.setTime(time);
    await hub.store.append(events);
  }
  const projector = await hub.startProjector();
  await projector.caughtUp;
  const now = new Date(at('18:10'));
  const sync = site.connection;
  const pg = hub.connection;
  const orders = asyncQueries(pg, (c) => orderQueries(c));
  assert.equal(await orders.list({ limit: 2 }), orderQueries(sync).list({ limit: 2 }));
  assert.equal(await orders.order('o2'), orderQueries(sync).order('o2'));
  assert.is(await orders.count(), 3);
  assert.is(await orders.exists('o9'), false);
  const jobs = asyncQueries(pg, printJobQueries);
  assert.equal(await jobs.summary(now), printJobQueries(sync).summary(now));
  assert.equal(await jobs.backlog(), printJobQueries(sync).backlog());
  assert.equal(
    await jobs.list({ limit: 10, printer: 'bar' }),
    printJobQueries(sync).list({ limit: 10, printer: 'bar' }),
  );
  assert.equal(await jobs.jobsOfOrder('o1'), printJobQueries(sync).jobsOfOrder('o1'));
  assert.equal(await asyncQueries(pg, connectivityQueries).status(), connectivityQueries(sync).status());
  const offline = asyncQueries(pg, offlinePeriodQueries);
  assert.equal(
    await offline.offlinePeriods({ now: now.toISOString() }),
    offlinePeriodQueries(sync).offlinePeriods({ now: now.toISOString() }),
  );
  assert.equal(
    await offline.offlineTotals(now.toISOString()),
    offlinePeriodQueries(sync).offlineTotals(now.toISOString()),
  );
  const metrics = asyncQueries(pg, logMetricQueries);
  assert.equal(await metrics.counter('print-attempts'), logMetricQueries(sync).counter('print-attempts'));
  assert.equal(await metrics.printLatencies(), logMetricQueries(sync).printLatencies());
  await projector.stop();
  site.stop();
  await hub.done();
});

test('given a batch that fails on PostgreSQL, then neither rows nor checkpoint move, and the next flush writes it', async () => {
  const hub = await postgresRestaurant();
  let failing = true;
  const flaky: TableView = {
    ...printJobsView,
    writer: (connection) => {
      const write = printJobsView.writer(connection);
      return (events) => {
        write(events);
        if (failing) connection.prepare('INSERT INTO nowhere VALUES (?)').run(1);
      };
    },
  };
  const errors: unknown[] = [];
  const projector = await startAsyncViewProjector({
    store: hub.store,
    connection: hub.connection,
    views: [flaky],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
    onError: (error) => errors.push(error),
  });
  await hub.store.append([queued('a/kitchen', 'kitchen')]);
  await hub.store.append([queued('b/kitchen', 'kitchen')]);
  const jobs = asyncQueries(hub.connection, printJobQueries);
  const checkpoint = () =>
    hub.connection.query("SELECT position FROM view_checkpoints WHERE view = 'print-jobs'");
  while (errors.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  assert.match(String(errors[0]), /nowhere/);
  assert.equal(await checkpoint(), [{ position: 0 }]);
  assert.is(await jobs.job('a/kitchen'), undefined);
  failing = false;
  await projector.flush();
  assert.equal(await checkpoint(), [{ position: 2 }]);
  assert.is((await jobs.job('b/kitchen'))?.state, 'queued');
  await projector.stop();

  await hub.store.append([
    jobEvent('PrintAttemptStarted', { jobId: 'a/kitchen', printer: 'kitchen', attempt: 1 }),
  ]);
  const resumed = await startAsyncViewProjector({
    store: hub.store,
    connection: hub.connection,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  const seen: number[] = [];
  resumed.committed$.subscribe((position) => seen.push(position));
  await resumed.caughtUp;
  assert.equal(seen, [2, 3], 'resumed at its checkpoint: only the new event was read');
  assert.equal(resumed.rebuilding, []);
  assert.is((await jobs.job('a/kitchen'))?.state, 'printing');
  await resumed.stop();

  const restarted = await startAsyncViewProjector({
    store: hub.store,
    connection: hub.connection,
    views: [{ ...printJobsView, version: 2 }],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  assert.equal(restarted.rebuilding, ['print-jobs']);
  await restarted.caughtUp;
  assert.equal(await checkpoint(), [{ position: 3 }]);
  assert.is((await jobs.list({ limit: 5 })).length, 2);
  await restarted.stop();
  await hub.done();
});

test('given values that look like SQL (under either escaping rule), when written and read back in one round trip, then they arrive as they were', async () => {
  const database = await createTestDatabase();
  // The old escaping rules too: a literal must mean the same under either setting.
  const admin = postgresViewConnection(database.url);
  await admin.exec(`ALTER DATABASE "${database.name}" SET standard_conforming_strings = off`);
  await admin.close();
  const connection = postgresViewConnection(database.url);
  const nasty = ["O'Brien", 'back\\slash\\', "\\'; DROP TABLE notes; --", 'a ? and $1', 'Zoë “Ünal”', ''];
  await connection.exec('CREATE TABLE notes (id integer PRIMARY KEY, note text, amount double precision)');
  await connection.transaction((trx) =>
    runOnRows(trx, (sync) => {
      const insert = sync.prepare('INSERT INTO notes (id, note, amount) VALUES (?, ?, ?)');
      nasty.forEach((note, index) => {
        insert.run(index, note, index === 0 ? null : 0.1 + index / 3);
      });
    }),
  );
  const read = await runOnRows(connection, (sync) =>
    nasty.map((_, index) =>
      sync
        .prepare<{ note: string; amount: number | null }>('SELECT note, amount FROM notes WHERE id = ?')
        .get(index),
    ),
  );
  assert.equal(
    read.map((row) => row?.note),
    nasty,
  );
  assert.equal(
    read.map((row) => row?.amount),
    nasty.map((_, index) => (index === 0 ? null : 0.1 + index / 3)),
  );
  await connection.close();
  await database.drop();
});

test('given a long log, when the projector catches up on PostgreSQL, then it reads and writes one batch at a time, and a failed batch is read again', async () => {
  const hub = await postgresRestaurant();
  await hub.store.append(Array.from({ length: 50 }, (_, index) => queued(`o${index}/kitchen`, 'kitchen')));
  let failing = true;
  const errors: unknown[] = [];
  const flaky: TableView = {
    ...printJobsView,
    writer: (connection) => {
      const write = printJobsView.writer(connection);
      return (events) => {
        write(events);
        if (failing && events.some((event) => event.position > 14))
          connection.prepare('INSERT INTO nowhere VALUES (?)').run(1);
      };
    },
  };
  const liveFrom: number[] = [];
  const readLimits: (number | undefined)[] = [];
  const store = {
    lastPosition: () => hub.store.lastPosition(),
    read: (query: { after?: number; limit?: number }) => {
      readLimits.push(query.limit);
      return hub.store.read(query);
    },
    live: (after?: number) => {
      liveFrom.push(after ?? 0);
      return hub.store.live(after);
    },
  };
  const projector = await startAsyncViewProjector({
    store,
    connection: hub.connection,
    views: [flaky],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
    maxBatch: 7,
    onError: (error) => {
      errors.push(error);
      failing = false;
    },
  });
  const seen: number[] = [];
  projector.committed$.subscribe((position) => seen.push(position));
  await projector.caughtUp;
  assert.is(errors.length, 1);
  assert.equal(seen.slice(0, 3), [0, 7, 14], 'batches of seven while reading the past');
  assert.is(seen.at(-1), 50);
  assert.equal(readLimits, [7, 7, 7], 'the past is read a batch at a time, not held in memory');
  assert.equal(liveFrom, [14], 'the tail takes over after the last committed batch');
  assert.is((await asyncQueries(hub.connection, printJobQueries).list({ limit: 100 })).length, 50);
  await projector.stop();
  await hub.done();
});

test.run();
