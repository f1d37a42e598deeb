import type { AnyDomainEvent } from '@bonrelay/domain';
import { checkpointStatements, runOnRows, type TableView, type ViewCheckpoint } from '@bonrelay/views';
import type { Kysely } from 'kysely';
import type { HubTables } from './hub-tables.ts';
import type { SiteViewStore } from './site-view-store.ts';

/**
 * Creates a site's view tables when missing and drops those of an older version (their checkpoint
 * goes back to 0, so the next batches rebuild them from the replicated log). Queues behind a
 * replica writing the site unless told not to `wait` (false: the site was busy, nothing done).
 */
export async function openSiteViews(
  store: SiteViewStore,
  siteId: string,
  views: readonly TableView[],
  wait = true,
): Promise<boolean> {
  return store.connection(siteId).transaction(async (trx) => {
    if (!(await store.claim(trx, siteId, wait))) return false;
    await trx.exec(checkpointStatements.ddl);
    const saved = await trx.queryMany(
      views.map((view) => ({ statement: checkpointStatements.select, parameters: [view.name] })),
    );
    for (const [index, view] of views.entries()) {
      const checkpoint = saved[index]?.[0] as ViewCheckpoint | undefined;
      const stale = checkpoint === undefined || checkpoint.version !== view.version;
      await runOnRows(trx, (sync) => {
        if (stale) view.drop(sync);
        view.create(sync);
        if (stale) sync.prepare(checkpointStatements.upsert).run(view.name, view.version, 0);
      });
    }
    return true;
  });
}

/** A replicated row as the views' writers take it: the site's position, the data as the site stored it. */
function toSiteEvent(row: {
  position: number;
  type: string;
  data: string;
  recorded_at: string;
  stream_version: number;
}): AnyDomainEvent {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    position: Number(row.position),
    recordedAt: row.recorded_at,
    streamVersion: Number(row.stream_version),
  } as AnyDomainEvent;
}

/**
 * Folds the site's next replicated events (at most `maxBatch`) into its views in one transaction
 * with their checkpoints, as a site's projector does with its own log. Where the views stand is
 * read under the site's claim, so two replicas never fold the same events; 'busy' when another
 * replica holds the site (unless told to `wait` for it), else how many events were folded (0: the
 * views are current).
 */
export async function projectSiteBatch(
  db: Kysely<HubTables>,
  store: SiteViewStore,
  siteId: string,
  views: readonly TableView[],
  maxBatch: number,
  wait = false,
): Promise<number | 'busy'> {
  return store.connection(siteId).transaction(async (trx) => {
    if (!(await store.claim(trx, siteId, wait))) return 'busy';
    const saved = await trx.queryMany(
      views.map((view) => ({ statement: checkpointStatements.select, parameters: [view.name] })),
    );
    const positions = views.map((_, index) =>
      Number((saved[index]?.[0] as ViewCheckpoint | undefined)?.position ?? 0),
    );
    const rows = await db
      .selectFrom('hub_site_events')
      .select(['position', 'type', 'data', 'recorded_at', 'stream_version'])
      .where('site_id', '=', siteId)
      .where('position', '>', Math.min(...positions))
      .orderBy('position')
      .limit(maxBatch)
      .execute();
    if (rows.length === 0) return 0;
    const events = rows.map(toSiteEvent);
    const last = events[events.length - 1]!.position;
    for (const [index, view] of views.entries()) {
      const unseen = events.filter((event) => event.position > positions[index]!);
      if (unseen.length === 0) continue;
      await runOnRows(trx, (sync) => view.writer(sync)(unseen));
      await trx.query(checkpointStatements.upsert, [view.name, view.version, last]);
    }
    return rows.length;
  });
}

/**
 * Brings a site's views up to the last event the hub holds, queueing behind any replica: for a
 * reader that must see everything replicated (the audit), not only what the projector has done.
 */
export async function catchUpSiteViews(
  db: Kysely<HubTables>,
  store: SiteViewStore,
  siteId: string,
  views: readonly TableView[],
  maxBatch = 2_000,
): Promise<void> {
  await openSiteViews(store, siteId, views);
  while ((await projectSiteBatch(db, store, siteId, views, maxBatch, true)) === maxBatch);
}
