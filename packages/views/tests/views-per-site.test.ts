import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '@bonrelay/domain';
import { type EventStore, openEventStore } from '@bonrelay/event-store';
import { createTestDatabase } from '@bonrelay/pg-test';
import BetterSqlite3 from 'better-sqlite3';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AsyncViewConnection,
  asyncQueries,
  checkpointStatements,
  connectivityQueries,
  connectivityView,
  offlinePeriodsView,
  postgresSchemaViews,
  printJobsView,
  runOnRows,
  sqliteAsyncViewConnection,
  sqliteViewConnection,
  startViewProjector,
  type TableView,
  toDomainEvent,
} from '../src/index.ts';
import { at, internet, order, printed, printer, queued } from './given-evening.ts';

const views: readonly TableView[] = [printJobsView, connectivityView, offlinePeriodsView];
const tables = ['print_jobs', 'printers', 'internet', 'offline_periods', 'view_checkpoints'];

/** Two restaurants' evenings: Mitte loses its bar printer and the internet, Wedding prints. */
const evenings: Record<string, [string, EventToAppend[]][]> = {
  mitte: [
    ['17:00', [printer('bar', 'online'), internet('online')]],
    ['17:40', [order('m1'), queued('m1/bar', 'bar')]],
    ['17:45', [printer('bar', 'offline', 'connection refused')]],
    ['17:50', [internet('offline', ['https://probe.example.test/'])]],
    ['18:05', [internet('online'), printer('bar', 'online'), printed('m1/bar', 'bar')]],
  ],
  wedding: [
    ['17:00', [printer('kitchen', 'online')]],
    ['17:30', [order('w1'), queued('w1/kitchen', 'kitchen'), printed('w1/kitchen', 'kitchen')]],
  ],
};

/** The site itself: its own log and the synchronous projector, as a restaurant runs them. */
function site(evening: [string, EventToAppend[]][]): { store: EventStore; rows: Record<string, string[]> } {
  let now = Date.parse(at('17:00'));
  const store = openEventStore({
    file: join(mkdtempSync(join(tmpdir(), 'bonrelay-views-site-')), 'log.db'),
    clock: () => new Date(now),
  });
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views,
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  for (const [time, events] of evening) {
    now = Date.parse(at(time));
    store.append(events);
    projector.flush();
  }
  projector.stop();
  const rows: Record<string, string[]> = {};
  for (const table of tables)
    rows[table] = connection
      .prepare(`SELECT * FROM ${table}`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  return { store, rows };
}

/** What a hub does with a site's replicated log: the same views, written through an async connection. */
async function foldInto(connection: AsyncViewConnection, store: EventStore): Promise<void> {
  const events = store.read().map(toDomainEvent);
  const last = events[events.length - 1]!.position;
  await connection.transaction(async (trx) => {
    await trx.exec(checkpointStatements.ddl);
    for (const view of views) {
      await runOnRows(trx, (sync) => view.create(sync));
      await runOnRows(trx, (sync) => view.writer(sync)(events));
      await trx.query(checkpointStatements.upsert, [view.name, view.version, last]);
    }
  });
}

async function rowsOf(connection: AsyncViewConnection): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of tables)
    rows[table] = (await connection.query(`SELECT * FROM ${table}`)).map((row) => JSON.stringify(row)).sort();
  return rows;
}

const dialects: [
  string,
  () => Promise<{ inSite(id: string): AsyncViewConnection; close(): Promise<void> }>,
][] = [
  [
    'sqlite, a file per site',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bonrelay-views-hub-'));
      const open = new Map<string, AsyncViewConnection>();
      return {
        inSite: (id) => {
          const connection =
            open.get(id) ?? sqliteAsyncViewConnection(new BetterSqlite3(join(dir, `${id}.db`)));
          open.set(id, connection);
          return connection;
        },
        close: async () => {
          for (const connection of open.values()) await connection.close();
        },
      };
    },
  ],
  [
    'postgres, a schema per site',
    async () => {
      const database = await createTestDatabase();
      const schemas = postgresSchemaViews(database.url);
      return {
        inSite: (id) => {
          const connection = schemas.inSchema(`site_${id}`);
          return {
            ...connection,
            transaction: async (work) => {
              await schemas.inSchema('public').exec(`create schema if not exists "site_${id}"`);
              return connection.transaction(work);
            },
          };
        },
        close: () => schemas.close(),
      };
    },
  ],
];

for (const [dialect, openHub] of dialects) {
  test(`[${dialect}] given two sites' logs folded into one hub, then each site's tables hold exactly its own rows, and its last outage is the one that began last`, async () => {
    const hub = await openHub();
    try {
      const sites = Object.fromEntries(Object.entries(evenings).map(([id, evening]) => [id, site(evening)]));
      for (const [id, { store }] of Object.entries(sites)) await foldInto(hub.inSite(id), store);
      for (const [id, { rows }] of Object.entries(sites)) {
        assert.equal(await rowsOf(hub.inSite(id)), rows, `${id}'s tables at the hub are its own`);
      }
      const mitte = asyncQueries(hub.inSite('mitte'), connectivityQueries);
      const now = at('19:00');
      const { periods } = await mitte.offlinePeriods({ now });
      assert.is(periods.length, 2);
      assert.equal(await mitte.lastOfflinePeriod(now), periods.at(-1));
      assert.is((await mitte.lastOfflinePeriod(now))?.component, 'internet');
      assert.is(
        await asyncQueries(hub.inSite('wedding'), connectivityQueries).lastOfflinePeriod(now),
        undefined,
      );
      for (const { store } of Object.values(sites)) store.close();
    } finally {
      await hub.close();
    }
  });
}

test.run();
