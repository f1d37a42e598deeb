import { genesisHash } from '@bonrelay/event-store';
import type { Kysely } from 'kysely';
import type { HubTables } from './hub-tables.ts';
import { newSiteToken, siteTokenHash } from './site-token.ts';
import type { SiteViewStore } from './site-view-store.ts';

export interface RegisteredSite {
  readonly siteId: string;
  readonly wixInstance: string | null;
  readonly addedAt: string;
}

export type AddSiteResult =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly taken: 'site' | 'wix-instance'; readonly problem: string };

/**
 * Registers a restaurant and hands out its token once. A site id or Wix instance that is already
 * taken is refused: two sites behind one instance would make order routing ambiguous.
 */
export async function addSite(
  db: Kysely<HubTables>,
  site: { siteId: string; wixInstance?: string },
  now: Date,
): Promise<AddSiteResult> {
  const token = newSiteToken();
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('hub_sites')
      .select(['site_id', 'wix_instance'])
      .where((eb) =>
        eb.or([
          eb('site_id', '=', site.siteId),
          ...(site.wixInstance ? [eb('wix_instance', '=', site.wixInstance)] : []),
        ]),
      )
      .executeTakeFirst();
    if (taken?.site_id === site.siteId)
      return { ok: false, taken: 'site', problem: `site ${site.siteId} exists already` };
    if (taken)
      return {
        ok: false,
        taken: 'wix-instance',
        problem: `Wix instance ${site.wixInstance} belongs to site ${taken.site_id}`,
      };
    await trx
      .insertInto('hub_sites')
      .values({
        site_id: site.siteId,
        token_hash: siteTokenHash(token),
        wix_instance: site.wixInstance ?? null,
        added_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto('hub_site_summary')
      .values({
        site_id: site.siteId,
        acknowledged_position: 0,
        last_hash: genesisHash,
        last_contact_at: null,
        last_event_at: null,
        internet: 'unknown',
        printers: '{}',
        queue_depth: 0,
        refused_at: null,
        refused_reason: null,
        routed_orders: 0,
        order_cursor: 0,
      })
      .onConflict((oc) => oc.column('site_id').doNothing())
      .execute();
    return { ok: true, token } as const;
  });
}

/** Every registered site, by id, for `sites list` and the hub's views. */
export async function listSites(db: Kysely<HubTables>): Promise<RegisteredSite[]> {
  const rows = await db.selectFrom('hub_sites').selectAll().orderBy('site_id').execute();
  return rows.map((row) => ({ siteId: row.site_id, wixInstance: row.wix_instance, addedAt: row.added_at }));
}

export type RemoveSiteResult =
  | { readonly removed: false }
  /** `keptEvents`: what the site replicated, kept as the group's history. */
  | { readonly removed: true; readonly keptEvents: number };

/**
 * Takes a site off the registry: its token stops working and no order routes to it any more. Its
 * views are derived data and go with it (schema or file; a replica writing them is waited for).
 * What it replicated stays, as the group's audit record: registered again under the same id, the
 * site continues that log (its next batch must follow it) and its views are rebuilt from it.
 */
export async function removeSite(
  db: Kysely<HubTables>,
  views: SiteViewStore,
  siteId: string,
): Promise<RemoveSiteResult> {
  const result = await db.deleteFrom('hub_sites').where('site_id', '=', siteId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return { removed: false };
  await views.drop(siteId);
  const { events } = await db
    .selectFrom('hub_site_events')
    .select((eb) => eb.fn.countAll<number>().as('events'))
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return { removed: true, keptEvents: Number(events) };
}

/** The site a token belongs to, or undefined: the hub's only way in for a site. */
export async function siteOfToken(db: Kysely<HubTables>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('hub_sites')
    .select('site_id')
    .where('token_hash', '=', siteTokenHash(token))
    .executeTakeFirst();
  return row?.site_id;
}

/** The site that registered a Wix instance, so the public webhook knows where an order goes. */
export async function siteOfWixInstance(
  db: Kysely<HubTables>,
  instanceId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('hub_sites')
    .select('site_id')
    .where('wix_instance', '=', instanceId)
    .executeTakeFirst();
  return row?.site_id;
}
