// Child entry: one pass over the log at BENCH_DB, in a process of its own so its peak RSS is that
// pass's alone. `scan` is the floor (every row in log order, both JSON columns parsed); `rebuild`
// drops every table view the service keeps and replays the log into fresh ones, the way the CLI's
// `projections rebuild` does. Run through `startChild`.
import { createRequire } from 'node:module';
import type { Database } from '@bonrelay/event-store';
import { type Config, loadConfig } from '../../../../apps/service/src/config/index.ts';
import {
  masterKeyFile,
  openPrivateEventStore,
  readMasterKey,
} from '../../../../apps/service/src/privacy/index.ts';
import { bonrelayTableViews } from '../../../../apps/service/src/projections/bonrelay-views.ts';
import { rebuildViews, sqliteViewConnection, type TableView } from '../../../../packages/views/src/index.ts';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => Database;
const file = process.env.BENCH_DB as string;

/**
 * Every table view the service keeps. A list today; a function of the config once a view needs it
 * (the orders table seals guests' fields): either way the bench rebuilds what the service keeps.
 */
function tableViews(config: Config): readonly TableView[] {
  const views = bonrelayTableViews as unknown;
  return typeof views === 'function'
    ? (views as (config: Config) => readonly TableView[])(config)
    : (views as readonly TableView[]);
}

function scan(): number {
  const db = new BetterSqlite3(file, { readonly: true });
  let rows = 0;
  const all = db.prepare<[], { data: string; metadata: string }>(
    'SELECT position, type, data, metadata, recorded_at FROM events ORDER BY position',
  );
  for (const row of all.iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows += 1;
  }
  db.close();
  return rows;
}

function rebuild(): { position: number; views: string[] } {
  const config = loadConfig();
  const { store } = openPrivateEventStore({ file }, readMasterKey(masterKeyFile(config)));
  try {
    const views = tableViews(config);
    const position = rebuildViews(store, sqliteViewConnection(store.connection), views);
    return { position, views: views.map((view) => view.name) };
  } finally {
    store.close();
  }
}

answerParent(
  {
    scan: () => {
      const started = performance.now();
      const events = scan();
      return { events, ms: performance.now() - started, peakRss: peakRssBytes() };
    },
    rebuild: () => {
      const started = performance.now();
      const rebuilt = rebuild();
      return { ...rebuilt, ms: performance.now() - started, peakRss: peakRssBytes() };
    },
  },
  async () => {},
);
