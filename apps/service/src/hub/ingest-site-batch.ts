import { chainHash } from '@bonrelay/event-store';
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { ReplicatedRow } from '../replication/replicated-row.ts';
import { recordHubEvent } from './hub-journal.ts';
import type { HubTables } from './hub-tables.ts';
import { announceIngestHere, notifyIngest } from './ingest-wakeups.ts';
import { summaryChanges } from './site-summary-changes.ts';

export type IngestResult =
  | { readonly ok: true; readonly acknowledgedPosition: number; readonly stored: number }
  /** The batch does not continue where the hub stands: the site resends from `acknowledgedPosition`. */
  | { readonly ok: false; readonly kind: 'out-of-order'; readonly acknowledgedPosition: number }
  | {
      readonly ok: false;
      readonly kind: 'chain-broken';
      readonly acknowledgedPosition: number;
      readonly brokenAt: number;
    };

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const rowsPerInsert = 1_000;

function verifyChain(rows: readonly ReplicatedRow[], lastHash: string, acknowledged: number) {
  let previous = lastHash;
  let expected = acknowledged + 1;
  for (const row of rows) {
    if (row[0] !== expected) return { ok: false as const, kind: 'out-of-order' as const };
    const [, id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash] = row;
    const content = { id, stream, stream_version, type, schema_version, data, metadata, recorded_at };
    if (chainHash(previous, content) !== hash)
      return { ok: false as const, kind: 'chain-broken' as const, at: row[0] };
    previous = hash;
    expected += 1;
  }
  return { ok: true as const };
}

/**
 * On PostgreSQL a whole batch goes in as eleven array parameters through `unnest`: one statement,
 * no per-value parameter for the driver and kysely to build, several times faster than multi-row
 * VALUES at catch-up sizes. Elsewhere, portable multi-row inserts.
 */
async function storeRows(trx: Transaction<HubTables>, siteId: string, rows: readonly ReplicatedRow[]) {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    const column = (index: number) => rows.map((row) => row[index]);
    await sql`insert into hub_site_events
        (site_id, position, id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash)
      select ${siteId}, * from unnest(
        ${column(0)}::bigint[], ${column(1)}::text[], ${column(2)}::text[], ${column(3)}::int[], ${column(4)}::text[],
        ${column(5)}::int[], ${column(6)}::text[], ${column(7)}::text[], ${column(8)}::text[], ${column(9)}::text[])`.execute(
      trx,
    );
    return;
  }
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    const chunk = rows.slice(start, start + rowsPerInsert);
    await trx
      .insertInto('hub_site_events')
      .values(
        chunk.map(
          ([
            position,
            id,
            stream,
            stream_version,
            type,
            schema_version,
            data,
            metadata,
            recorded_at,
            hash,
          ]) => ({
            site_id: siteId,
            position,
            id,
            stream,
            stream_version,
            type,
            schema_version,
            data,
            metadata,
            recorded_at,
            hash,
          }),
        ),
      )
      .execute();
  }
}

async function applyJobChanges(
  trx: Transaction<HubTables>,
  siteId: string,
  jobs: ReadonlyMap<string, boolean>,
) {
  const closed = [...jobs].filter(([, open]) => !open).map(([jobId]) => jobId);
  const opened = [...jobs].filter(([, open]) => open).map(([jobId]) => jobId);
  for (let start = 0; start < closed.length; start += rowsPerInsert) {
    await trx
      .deleteFrom('hub_site_open_jobs')
      .where('site_id', '=', siteId)
      .where('job_id', 'in', closed.slice(start, start + rowsPerInsert))
      .execute();
  }
  for (let start = 0; start < opened.length; start += rowsPerInsert) {
    await trx
      .insertInto('hub_site_open_jobs')
      .values(opened.slice(start, start + rowsPerInsert).map((job_id) => ({ site_id: siteId, job_id })))
      .onConflict((oc) => oc.columns(['site_id', 'job_id']).doNothing())
      .execute();
  }
  if (jobs.size === 0) return undefined;
  const { depth } = await trx
    .selectFrom('hub_site_open_jobs')
    .select((eb) => eb.fn.countAll<number>().as('depth'))
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return Number(depth);
}

/** Marks the site refused and records why, once per position, for the overview and the audit. */
async function refuse(
  trx: Transaction<HubTables>,
  siteId: string,
  brokenAt: number,
  reason: string,
  at: string,
) {
  await trx
    .updateTable('hub_site_summary')
    .set({ refused_at: at, refused_reason: reason })
    .where('site_id', '=', siteId)
    .execute();
  await recordHubEvent(trx, {
    id: `replication-refused:${siteId}:${brokenAt}`,
    type: 'ReplicationRefused',
    siteId,
    data: { siteId, brokenAt, reason },
    at,
  });
}

/**
 * A resent row the hub holds already must be the very row it holds: a site whose log was replaced
 * (a reinstall, an old backup) starts again at position 1, and skipping its rows as "already
 * stored" would let it believe it is replicated while the hub never sees its new events.
 */
async function differsFromStored(
  trx: Transaction<HubTables>,
  siteId: string,
  rows: readonly ReplicatedRow[],
  acknowledged: number,
): Promise<number | undefined> {
  const known = rows.filter((row) => row[0] <= acknowledged).at(-1);
  if (known === undefined) return undefined;
  const stored = await trx
    .selectFrom('hub_site_events')
    .select('hash')
    .where('site_id', '=', siteId)
    .where('position', '=', known[0])
    .executeTakeFirst();
  return stored?.hash === known[9] ? undefined : known[0];
}

/**
 * Takes one batch of a site's log: one transaction, serialised per site by a lock on its summary
 * row (so two replicas given the same batch store it once). Rows the hub holds already are skipped
 * (idempotent by position, and by event id through a unique key); the rest must continue the site's
 * order and hash chain exactly, or nothing is stored. A broken chain is recorded and refused, loudly:
 * a tampered or mixed-up site log must never flow silently into the group's history. What it
 * stored wakes the sites' view projectors (every replica's on PostgreSQL), so none has to poll.
 */
export async function ingestSiteBatch(
  db: Kysely<HubTables>,
  siteId: string,
  rows: readonly ReplicatedRow[],
  now: Date,
): Promise<IngestResult> {
  const at = now.toISOString();
  const result = await db.transaction().execute(async (trx): Promise<IngestResult> => {
    // The UPDATE takes the site's row lock first, so concurrent batches for one site queue here.
    await trx
      .updateTable('hub_site_summary')
      .set({ last_contact_at: at })
      .where('site_id', '=', siteId)
      .execute();
    const summary = await trx
      .selectFrom('hub_site_summary')
      .select(['acknowledged_position', 'last_hash', 'printers', 'internet', 'queue_depth'])
      .where('site_id', '=', siteId)
      .executeTakeFirstOrThrow();
    const acknowledged = Number(summary.acknowledged_position);
    const fresh = rows.filter((row) => row[0] > acknowledged);
    const differs = await differsFromStored(trx, siteId, rows, acknowledged);
    if (differs !== undefined) {
      const reason = `site position ${differs} differs from what the hub holds (was the site's log replaced?)`;
      await refuse(trx, siteId, differs, reason, at);
      return { ok: false, kind: 'chain-broken', acknowledgedPosition: acknowledged, brokenAt: differs };
    }
    if (fresh.length === 0) return { ok: true, acknowledgedPosition: acknowledged, stored: 0 };
    const chain = verifyChain(fresh, summary.last_hash, acknowledged);
    if (!chain.ok && chain.kind === 'out-of-order') {
      return { ok: false, kind: 'out-of-order', acknowledgedPosition: acknowledged };
    }
    if (!chain.ok) {
      await refuse(trx, siteId, chain.at, `the hash chain breaks at site position ${chain.at}`, at);
      return { ok: false, kind: 'chain-broken', acknowledgedPosition: acknowledged, brokenAt: chain.at };
    }
    await storeRows(trx, siteId, fresh);
    const changes = summaryChanges(fresh);
    const queueDepth = await applyJobChanges(trx, siteId, changes.jobs);
    const last = fresh[fresh.length - 1] as ReplicatedRow;
    await trx
      .updateTable('hub_site_summary')
      .set({
        acknowledged_position: last[0],
        last_hash: last[9],
        last_event_at: last[8],
        refused_at: null,
        refused_reason: null,
        ...(changes.internet ? { internet: changes.internet } : {}),
        ...(Object.keys(changes.printers).length > 0
          ? { printers: JSON.stringify({ ...JSON.parse(summary.printers), ...changes.printers }) }
          : {}),
        ...(queueDepth !== undefined ? { queue_depth: queueDepth } : {}),
      })
      .where('site_id', '=', siteId)
      .execute();
    await notifyIngest(trx, siteId);
    return { ok: true, acknowledgedPosition: last[0], stored: fresh.length };
  });
  // The projectors wake only for what committed, so a batch they are told of is there to read.
  if (result.ok && result.stored > 0) announceIngestHere(siteId);
  return result;
}
