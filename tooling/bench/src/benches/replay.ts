import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Database, openEventStore } from '@bonrelay/event-store';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { bonrelayTableViews } from '../../../../apps/service/src/projections/bonrelay-views.ts';
import {
  connectivityQueries,
  offlineAuditAtLogEnd,
  offlinePeriodsView,
  rebuildViews,
  sqliteViewConnection,
  type TableView,
} from '../../../../packages/views/src/index.ts';
import { numberArg } from '../support/args.ts';
import { formatMegabytes, peakRssBytes } from '../support/memory.ts';
import { writeRestaurantMonth } from '../support/restaurant-month.ts';
import { formatRate, formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';
import { perSecond, type Timing, timeSync } from '../support/timing.ts';

const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => Database;

/** The floor: every row in log order, both JSON columns parsed, nothing else. */
function rawScan(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  let rows = 0;
  const scan = db.prepare<[], { data: string; metadata: string }>(
    'SELECT position, type, data, metadata, recorded_at FROM events ORDER BY position',
  );
  for (const row of scan.iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows += 1;
  }
  db.close();
  return rows;
}

/** `projections rebuild` of these table views over the whole log, as the CLI runs it. */
function rebuildTables(file: string, views: readonly TableView[]): void {
  const store = openEventStore({ file });
  try {
    rebuildViews(store, sqliteViewConnection(store.connection), views);
  } finally {
    store.close();
  }
}

const seconds = (timing: Timing) => `${(timing.ms / 1000).toFixed(1)} s`;

/** `audit offline` for the month as the CLI answers it: a read-only log, tables if it has them. */
function auditAsTheCli(file: string, month: { from: string; to: string }, timeZone: string): number {
  const store = openEventStore({ file, readonly: true });
  try {
    const audit = offlineAuditAtLogEnd(store, sqliteViewConnection(store.connection));
    const query = { from: month.from, to: month.to, now: month.to };
    audit.offlineDays({ ...query, timeZone });
    return audit.offlinePeriods(query).periods.length;
  } finally {
    store.close();
  }
}

/**
 * Rebuilding every table view from a month-sized log (what `projections rebuild` does),
 * against the floor of a raw ordered scan with JSON parsing in the same run; then the offline audit
 * of the whole 30 days the way the CLI answers it: folding the whole log (no tables yet), then from
the offline periods table once a rebuild wrote it, and the same query in-process. Args: `--events N` (default 1,000,000), `--days N`
 * (30), `--no-breakdown` to skip rebuilding each view alone, `--views a,b` to rebuild only those
 * views (default all).
 */
export async function run(args: string[]): Promise<void> {
  const events = numberArg(args, '--events', 1_000_000);
  const days = numberArg(args, '--days', 30);
  const breakdown = !args.includes('--no-breakdown');
  const viewIndex = args.indexOf('--views');
  const only = viewIndex < 0 ? undefined : String(args[viewIndex + 1]).split(',');
  await temporaryDirectory('replay', async (dir) => {
    const file = join(dir, 'bonrelay.db');
    const config = loadConfig({ BONRELAY_DATA_DIR: dir, BONRELAY_LOG_LEVEL: 'silent' });
    const writeStarted = performance.now();
    const month = writeRestaurantMonth(file, config, events, days);
    const writeMs = performance.now() - writeStarted;
    const total = month.events;
    console.log(
      `wrote ${total.toLocaleString('en-US')} events (${month.orders.toLocaleString('en-US')} orders, ` +
        `${month.printerOutages} printer and ${month.internetOutages} internet outages, ${month.from} → ${month.to}) ` +
        `in ${(writeMs / 1000).toFixed(1)} s`,
    );

    const floor = timeSync(total, () => rawScan(file));
    const timeZone = config.businessDay.timeZone;
    let periods = 0;
    const audit = timeSync(1, () => {
      periods = auditAsTheCli(file, month, timeZone);
    });
    const every = bonrelayTableViews(config);
    const views = every.filter((view) => only === undefined || only.includes(view.name));
    const names = views.map((view) => view.name);
    const alone = breakdown
      ? views.map((view) => ({ name: view.name, timing: timeSync(total, () => rebuildTables(file, [view])) }))
      : [];
    const ours = timeSync(total, () => rebuildTables(file, views));

    const written = openEventStore({ file });
    const connection = sqliteViewConnection(written.connection);
    const rebuild = timeSync(total, () => rebuildViews(written, connection, [offlinePeriodsView]));
    const fromTables = timeSync(1, () => auditAsTheCli(file, month, timeZone));
    const queries = connectivityQueries(connection);
    const query = { from: month.from, to: month.to, now: month.to };
    const inProcess = timeSync(1, () => {
      queries.offlinePeriods(query);
      queries.offlineDays({ ...query, timeZone });
    });
    written.close();

    const row = (label: string, timing: Timing) => [
      label,
      formatRate(perSecond(timing)),
      seconds(timing),
      formatRatio(perSecond(timing), perSecond(floor)),
    ];
    const which = names.length === every.length ? 'every table view' : `the views ${names.join(', ')}`;
    console.log(`\n### replay: ${total.toLocaleString('en-US')} events through ${which}\n`);
    console.log(
      markdownTable(
        ['pass', 'events/s', 'time', 'vs raw scan'],
        [
          row('raw scan floor (better-sqlite3 ORDER BY position + JSON.parse data, metadata)', floor),
          row(`bonrelay: projections rebuild of ${names.length} table views (rebuildViews)`, ours),
          ...alone.map(({ name, timing }) => row(`  ${name} alone`, timing)),
        ],
      ),
    );
    console.log(`\n### audit: offline periods of ${days} days\n`);
    console.log(
      markdownTable(
        ['query', 'time', 'periods'],
        [
          [
            'CLI without tables: fold the whole log into the periods',
            `${audit.ms.toFixed(0)} ms`,
            String(periods),
          ],
          ['writing the offline periods table (rebuild)', `${rebuild.ms.toFixed(0)} ms`, String(periods)],
          [
            'CLI with the table current (open the log, query, per day)',
            `${fromTables.ms.toFixed(1)} ms`,
            String(periods),
          ],
          ['in-process: periods + per day from the table', `${inProcess.ms.toFixed(2)} ms`, String(periods)],
        ],
      ),
    );
    console.log(
      `\npeak RSS of the bench process: ${formatMegabytes(peakRssBytes())}.` +
        `\nTargets (reported, not asserted): rebuild ≥ 0.25× the raw scan → ${formatRatio(perSecond(ours), perSecond(floor))}; ` +
        `audit in-process ≤ 50 ms → ${inProcess.ms.toFixed(1)} ms.`,
    );
  });
}
