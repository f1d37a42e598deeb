import type { EventToAppend } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  connectivityView,
  offlineAuditAtLogEnd,
  offlinePeriodsView,
  rebuildViews,
  sqliteViewConnection,
} from '../src/index.ts';
import { offlinePeriodsStatement } from '../src/offline-periods/offline-periods-queries.ts';
import { at, cancelled, givenEvening, internet, order, printed, printer, queued } from './given-evening.ts';

/**
 * The Friday evening of the domain's audit specification: the kitchen printer drops out twice, the
 * internet degrades then fails during the first outage, orders keep coming, the buffered tickets
 * print after recovery (one is cancelled).
 */
const fridaySteps: [string, ...EventToAppend[]][] = [
  ['17:00', printer('kitchen', 'online'), printer('bar', 'online'), internet('online')],
  ['17:40', printer('kitchen', 'offline')],
  ['17:42', order('o1'), queued('o1/kitchen', 'kitchen'), queued('o1/bar', 'bar')],
  ['17:42:05', printed('o1/bar', 'bar')],
  ['17:45', internet('degraded', ['www.wixapis.com'])],
  ['17:50', printer('kitchen', 'paper-end')],
  ['17:52', order('o2'), queued('o2/kitchen', 'kitchen')],
  ['17:55', internet('offline', ['1.1.1.1', 'www.wixapis.com'])],
  ['18:00', printer('kitchen', 'online')],
  ['18:00:30', printed('o1/kitchen', 'kitchen')],
  ['18:01', printed('o2/kitchen', 'kitchen')],
  ['18:05', order('o3'), queued('o3/kitchen', 'kitchen'), printed('o3/kitchen', 'kitchen')],
  ['18:10', internet('online')],
  ['19:40', printer('kitchen', 'cover-open')],
  ['19:41', order('o4'), queued('o4/kitchen', 'kitchen'), queued('o4/again', 'kitchen')],
  ['19:50', cancelled('o4/again')],
  ['20:15', printer('kitchen', 'online')],
  ['20:16', printed('o4/kitchen', 'kitchen')],
  ['20:30', order('o5')],
];

/**
 * The Friday evening of the domain's audit specification: the kitchen printer drops out twice, the
 * internet degrades then fails during the first outage, orders keep coming, the buffered tickets
 * print after recovery (one is cancelled). `steps` stops the story early.
 */
function friday(options: Parameters<typeof givenEvening>[0] = {}, steps = fridaySteps) {
  const given = givenEvening(options);
  for (const [time, ...events] of steps) given.when(time, ...events);
  return given;
}

const now = at('21:00');
const minutes = (count: number) => count * 60_000;
const firstKitchenOutage = {
  component: 'printer:kitchen',
  start: at('17:40'),
  end: at('18:00'),
  durationMs: minutes(20),
  cause: 'offline → paper-end',
  ordersReceived: ['o1', 'o2'],
  jobsBuffered: 2,
  backlogPrintedAfterMs: minutes(1),
};
const internetOutage = {
  component: 'internet',
  start: at('17:45'),
  end: at('18:10'),
  durationMs: minutes(25),
  cause: 'degraded → offline',
  failedTargets: ['www.wixapis.com', '1.1.1.1'],
  ordersReceived: ['o2', 'o3'],
  jobsBuffered: 0,
};
const secondKitchenOutage = {
  component: 'printer:kitchen',
  start: at('19:40'),
  end: at('20:15'),
  durationMs: minutes(35),
  cause: 'cover-open',
  ordersReceived: ['o4'],
  jobsBuffered: 2,
  backlogPrintedAfterMs: minutes(1),
};

test('given the Friday log, then the table holds both kitchen outages and the internet outage, every figure', () => {
  const { queries, store } = friday();
  assert.equal(queries.offlinePeriods({ now }), {
    periods: [firstKitchenOutage, internetOutage, secondKitchenOutage],
    next: null,
  });
  assert.equal(store.connection.prepare('SELECT * FROM offline_buffered_jobs').all(), [], 'no backlog waits');
});

test('given a window, then the periods overlapping it are reported whole, its ends included', () => {
  const { queries } = friday();
  const window = (from?: string, to?: string) =>
    queries.offlinePeriods({ now, ...(from ? { from: at(from) } : {}), ...(to ? { to: at(to) } : {}) })
      .periods;
  assert.equal(window('17:59', '18:05'), [firstKitchenOutage, internetOutage]);
  assert.equal(window('19:00'), [secondKitchenOutage]);
  assert.equal(window(undefined, '17:44:59'), [firstKitchenOutage]);
  assert.equal(window('20:16'), []);
  assert.equal(window('18:10', '18:10'), [internetOutage], 'a period ending at `from` overlaps');
  assert.equal(window('19:40', '19:40'), [secondKitchenOutage], 'a period starting at `to` overlaps');
  assert.equal(
    queries.offlinePeriods({ now, from: '2024-05-10T20:00:00+02:00', to: '2024-05-10T20:05:00+02:00' })
      .periods,
    [firstKitchenOutage, internetOutage],
    'times in another offset are compared as instants',
  );
});

test('given a component, then only its periods come back; pages follow each other by keyset', () => {
  const { queries } = friday();
  assert.equal(queries.offlinePeriods({ now, component: 'internet' }).periods, [internetOutage]);
  assert.equal(queries.offlinePeriods({ now, component: 'printer:bar' }).periods, []);
  const first = queries.offlinePeriods({ now, limit: 2 });
  assert.equal(first.periods, [firstKitchenOutage, internetOutage]);
  assert.ok(first.next !== null);
  const second = queries.offlinePeriods({ now, limit: 2, after: first.next });
  assert.equal(second, { periods: [secondKitchenOutage], next: null });
  assert.equal(queries.offlinePeriods({ now, limit: 3 }).next, null, 'an exact last page says so');
});

test('given a printer still down, then its open period lasts until now, in windows, totals and days', () => {
  const { queries, when } = friday();
  when('20:30', printer('bar', 'error', 'cutter error'), queued('o5/bar', 'bar'));
  const [bar] = queries.offlinePeriods({ now, component: 'printer:bar' }).periods;
  assert.equal(bar, {
    component: 'printer:bar',
    start: at('20:30'),
    durationMs: minutes(30),
    cause: 'error',
    ordersReceived: [],
    jobsBuffered: 1,
  });
  assert.is(queries.offlinePeriods({ now, component: 'printer:bar', from: at('20:59') }).periods.length, 1);
  assert.is(queries.offlinePeriods({ now, component: 'printer:bar', to: at('20:29') }).periods.length, 0);
  assert.is(
    queries.offlinePeriods({ now, component: 'printer:bar', from: at('21:30') }).periods.length,
    0,
    'a window after now does not see it',
  );
  assert.equal(
    queries.offlineTotals(now).sort((a, b) => a.component.localeCompare(b.component)),
    [
      { component: 'internet', outages: 1, offlineMs: minutes(25) },
      { component: 'printer:bar', outages: 1, offlineMs: minutes(30) },
      { component: 'printer:kitchen', outages: 2, offlineMs: minutes(55) },
    ],
  );
  assert.equal(queries.offlineDays({ now, timeZone: 'Europe/Berlin', from: at('20:00') }), [
    {
      component: 'printer:bar',
      day: '2024-05-10',
      offlineMs: minutes(30),
      outages: 1,
      meanTimeToRecoveryMs: null,
    },
    {
      component: 'printer:kitchen',
      day: '2024-05-10',
      offlineMs: minutes(35),
      outages: 1,
      meanTimeToRecoveryMs: minutes(35),
    },
  ]);
});

test('given the evening written event by event, then the rows are the ones one batch writes, and a rebuild writes', () => {
  const rows = (given: ReturnType<typeof friday>) => ({
    periods: given.store.connection.prepare('SELECT * FROM offline_periods ORDER BY id').all(),
    buffered: given.store.connection.prepare('SELECT * FROM offline_buffered_jobs ORDER BY job_id').all(),
  });
  const batched = friday();
  batched.when('20:31', printer('bar', 'offline'), queued('o6/bar', 'bar'), queued('o7/bar', 'bar'));
  const single = friday({ maxBatch: 1 });
  single.when('20:31', printer('bar', 'offline'), queued('o6/bar', 'bar'), queued('o7/bar', 'bar'));
  assert.equal(rows(single), rows(batched));
  assert.is(rows(batched).buffered.length, 2, 'the bar’s tickets wait');
  rebuildViews(batched.store, batched.connection, [offlinePeriodsView], { pageSize: 4 });
  assert.equal(rows(batched), rows(single));
});

test('given a window or a component, then the table is read through an index, and the writer finds open outages through one', () => {
  const { store } = friday();
  const plan = (statement: { text: string; parameters: unknown[] }) =>
    store.connection
      .prepare(`EXPLAIN QUERY PLAN ${statement.text}`)
      .all(...statement.parameters)
      .map((row) => (row as { detail: string }).detail)
      .join('; ');
  assert.match(
    plan(offlinePeriodsStatement({ now, from: at('18:00'), to: at('18:10') })),
    /offline_periods_by_end/,
  );
  assert.match(
    plan(offlinePeriodsStatement({ now, from: at('18:00'), component: 'internet' })),
    /offline_periods_by_component/,
  );
  assert.match(
    plan({ text: 'SELECT * FROM offline_periods WHERE ended_at IS NULL', parameters: [] }),
    /offline_periods_by_end/,
  );
});

test('given tables that stopped mid-outage, then the read-only audit folds only the tail over the rows it touches', () => {
  const whileDown = fridaySteps.findIndex(([time]) => time === '19:50');
  const { file, store, projector, when } = friday({}, fridaySteps.slice(0, whileDown));
  projector.stop();
  const tablesAt = store.lastPosition();
  for (const [time, ...events] of fridaySteps.slice(whileDown)) when(time, ...events);
  const readOnly = openEventStore({ file, readonly: true });
  const reads: number[] = [];
  const audit = offlineAuditAtLogEnd(
    {
      read: (options) => {
        reads.push(options?.after ?? 0);
        return readOnly.read(options);
      },
    },
    sqliteViewConnection(readOnly.connection),
  );
  assert.equal(audit.offlinePeriods({ now }).periods, [
    firstKitchenOutage,
    internetOutage,
    secondKitchenOutage,
  ]);
  assert.equal(audit.offlinePeriods({ now, from: at('19:00'), limit: 1 }), {
    periods: [secondKitchenOutage],
    next: null,
  });
  assert.is(audit.tablesAt, tablesAt);
  assert.is(audit.tailEvents, 4);
  assert.ok(
    reads.every((after) => after >= tablesAt),
    `read from ${reads}`,
  );
  assert.equal(audit.offlineDays({ now, timeZone: 'Europe/Berlin', component: 'internet' }), [
    {
      component: 'internet',
      day: '2024-05-10',
      offlineMs: minutes(25),
      outages: 1,
      meanTimeToRecoveryMs: minutes(25),
    },
  ]);
  const stored = store.connection.prepare('SELECT ended_at FROM offline_periods ORDER BY id').all();
  assert.equal(stored.at(-1), { ended_at: null }, 'the tables are left as they were');
  readOnly.close();
});

test('given a log whose tables hold no offline periods, then the read-only audit folds the whole log', () => {
  const { file } = friday({ views: [connectivityView] });
  const readOnly = openEventStore({ file, readonly: true });
  const audit = offlineAuditAtLogEnd(readOnly, sqliteViewConnection(readOnly.connection), 7);
  assert.equal(audit.offlinePeriods({ now }).periods, [
    firstKitchenOutage,
    internetOutage,
    secondKitchenOutage,
  ]);
  assert.is(audit.tablesAt, 0);
  assert.is(audit.tailEvents, readOnly.lastPosition());
  readOnly.close();
});

test.run();
