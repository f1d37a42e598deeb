import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { importStoredRows, openEventStore, type StoredRow } from '@bonrelay/event-store';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { withoutPassword } from '../config/index.ts';
import type { HubTables } from '../hub/hub-tables.ts';
import { openHubDatabase } from '../hub/open-hub-database.ts';
import { orderEventTypes } from '../privacy/index.ts';

export interface RestoreOptions {
  /** The server database holding the copy (`database.url`). */
  readonly url: string;
  /** The id the site's rows carry there. */
  readonly siteId: string;
  /** Where the restored log goes: the site's log file. */
  readonly file: string;
  /** Rows per read and per transaction. */
  readonly batchSize: number;
  readonly onProgress?: (restored: number, total: number) => void;
}

export type RestoreResult =
  | {
      readonly ok: true;
      readonly restored: number;
      /** Events whose guest data is sealed with a key the lost file held: they read as erased. */
      readonly sealed: number;
    }
  | { readonly ok: false; readonly problem: string };

const refused = (problem: string): RestoreResult => ({ ok: false, problem });

/** How many events a log file holds; anything that is not a bonrelay log counts as held data. */
function eventsHeldAt(file: string): number {
  if (!existsSync(file) || statSync(file).size === 0) return 0;
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    return table === undefined ? 0 : (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number);
  } catch {
    return Number.POSITIVE_INFINITY;
  } finally {
    db.close();
  }
}

function removeLog(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** Which sites the server database holds a log for, to name them when the asked one is not there. */
async function heldSites(db: Kysely<HubTables>): Promise<string> {
  const sites = await db
    .selectFrom('hub_site_summary')
    .select(['site_id', 'acknowledged_position'])
    .where('acknowledged_position', '>', 0)
    .orderBy('site_id')
    .execute();
  if (sites.length === 0) return 'it holds no site’s log';
  return `it holds ${sites.map((site) => `"${site.site_id}" (${Number(site.acknowledged_position)} events)`).join(', ')}`;
}

const isSealed = (row: StoredRow) => {
  if (!orderEventTypes.has(row.type) && row.type !== 'OrderUnreadable') return false;
  const data = JSON.parse(row.data) as { sealed?: unknown } | null;
  return typeof data?.sealed === 'object' && data.sealed !== null;
};

async function copyRows(
  db: Kysely<HubTables>,
  options: RestoreOptions,
  target: string,
  total: number,
): Promise<RestoreResult> {
  const store = openEventStore({ file: target });
  try {
    let after = 0;
    let sealed = 0;
    while (after < total) {
      const rows = await db
        .selectFrom('hub_site_events')
        .select([
          'position',
          'id',
          'stream',
          'stream_version',
          'type',
          'schema_version',
          'data',
          'metadata',
          'recorded_at',
          'hash',
        ])
        .where('site_id', '=', options.siteId)
        .where('position', '>', after)
        .orderBy('position')
        .limit(options.batchSize)
        .execute();
      if (rows.length === 0) break;
      const batch: StoredRow[] = rows.map((row) => ({ ...row, position: Number(row.position) }));
      const imported = importStoredRows(store, batch);
      if (!imported.ok) {
        return refused(
          imported.kind === 'chain-broken'
            ? `the server copy's hash chain breaks at position ${imported.brokenAt}; nothing was restored`
            : `the server copy skips position ${imported.expected}; nothing was restored`,
        );
      }
      sealed += batch.filter(isSealed).length;
      after = imported.lastPosition;
      options.onProgress?.(after, total);
    }
    if (after !== total) {
      return refused(`the server copy says it holds ${total} events but gave ${after}; nothing was restored`);
    }
    const verified = store.verify();
    if (!verified.ok) {
      return refused(`the restored log does not verify at position ${verified.brokenAt}: ${verified.reason}`);
    }
    return { ok: true, restored: total, sealed };
  } finally {
    store.close();
  }
}

/**
 * Brings a restaurant whose SD card died back to life from its server database's copy of its log
 * (`BONRELAY_DATABASE_URL`): every row written back verbatim, chain checked batch by batch and
 * verified whole, so the service starts with its whole history and the tickets still waiting to
 * print. It writes beside the log and moves the file into place only once it verifies, so a
 * restore that stops half-way never leaves a half log for the service to start on; and it never
 * replaces a log that holds events.
 */
export async function restoreFromDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const { file, siteId } = options;
  const held = eventsHeldAt(file);
  if (held > 0) {
    return refused(
      `${file} already ${Number.isFinite(held) ? `holds ${held} events` : 'exists and is no empty bonrelay log'}: restore never overwrites a log; move it (and any -wal and -shm beside it) away, then run restore again`,
    );
  }
  const name = withoutPassword(options.url);
  if (options.url.startsWith('sqlite:') && !existsSync(options.url.slice('sqlite:'.length))) {
    return refused(`there is no server database at ${name}`);
  }
  const server = await openHubDatabase(options.url, 1).catch((error: unknown) => {
    throw new Error(`cannot open the server database ${name}: ${(error as Error).message}`);
  });
  try {
    const summary = await server.db
      .selectFrom('hub_site_summary')
      .select('acknowledged_position')
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    const total = Number(summary?.acknowledged_position ?? 0);
    if (total === 0) {
      return refused(
        `the server database ${name} holds nothing for site "${siteId}"; ${await heldSites(server.db)} (set BONRELAY_SITE_ID to the restaurant's id)`,
      );
    }
    mkdirSync(dirname(file), { recursive: true });
    const target = `${file}.restoring`;
    removeLog(target);
    const result = await copyRows(server.db, options, target, total).catch((error: unknown) => {
      removeLog(target);
      throw error;
    });
    if (!result.ok) {
      removeLog(target);
      return result;
    }
    removeLog(file);
    renameSync(target, file);
    return result;
  } finally {
    await server.close();
  }
}
