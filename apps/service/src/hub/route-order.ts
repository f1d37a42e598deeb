import type { SignedWebhook } from '@bonrelay/wix';
import type { Kysely } from 'kysely';
import { recordHubEvent } from './hub-journal.ts';
import type { HubTables } from './hub-tables.ts';
import { siteOfWixInstance } from './sites-registry.ts';

export type RoutingResult =
  | { readonly routed: true; readonly siteId: string; readonly sequence: number; readonly duplicate: boolean }
  | { readonly routed: false; readonly instanceId: string | undefined; readonly firstTime: boolean };

/**
 * Files a verified Wix delivery for the site that registered its instance, under the next number of
 * that site's order sequence. The number is allocated under the site's summary row lock, so numbers
 * commit in order on every replica and a site paging by "after n" never skips one committed late.
 * A redelivery (same webhook id) keeps its first number. `body` is kept only for an unreadable
 * delivery, which the site records with the raw token as evidence.
 */
export async function routeOrder(
  db: Kysely<HubTables>,
  webhook: SignedWebhook,
  body: string | undefined,
  now: Date,
): Promise<RoutingResult> {
  const at = now.toISOString();
  const siteId = webhook.instanceId ? await siteOfWixInstance(db, webhook.instanceId) : undefined;
  if (siteId === undefined) {
    const firstTime = await recordHubEvent(db, {
      id: `order-unroutable:${webhook.webhookId}`,
      type: 'OrderUnroutable',
      siteId: undefined,
      data: { webhookId: webhook.webhookId, instanceId: webhook.instanceId, orderId: webhook.orderId },
      at,
    });
    return { routed: false, instanceId: webhook.instanceId, firstTime };
  }
  return db.transaction().execute(async (trx) => {
    // Taking the row lock before looking: a redelivery racing on another replica waits, then sees it.
    await trx
      .updateTable('hub_site_summary')
      .set((eb) => ({ routed_orders: eb.ref('routed_orders') }))
      .where('site_id', '=', siteId)
      .execute();
    const existing = await trx
      .selectFrom('hub_routed_orders')
      .select('sequence')
      .where('site_id', '=', siteId)
      .where('webhook_id', '=', webhook.webhookId)
      .executeTakeFirst();
    if (existing)
      return { routed: true, siteId, sequence: Number(existing.sequence), duplicate: true } as const;
    const { routed_orders } = await trx
      .selectFrom('hub_site_summary')
      .select('routed_orders')
      .where('site_id', '=', siteId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('hub_site_summary')
      .set({ routed_orders: Number(routed_orders) + 1 })
      .where('site_id', '=', siteId)
      .execute();
    const sequence = Number(routed_orders) + 1;
    await trx
      .insertInto('hub_routed_orders')
      .values({
        site_id: siteId,
        sequence,
        webhook_id: webhook.webhookId,
        order_id: webhook.orderId ?? null,
        webhook: JSON.stringify(webhook),
        body: webhook.kind === 'unreadable' ? (body ?? null) : null,
        received_at: at,
      })
      .execute();
    return { routed: true, siteId, sequence, duplicate: false } as const;
  });
}

export interface RoutedDelivery {
  readonly sequence: number;
  readonly webhook: SignedWebhook;
  readonly body?: string;
}

/** What a routed order's payload becomes once its site confirmed it holds it. */
const delivered = '';

/**
 * The orders waiting for a site after its cursor, and the cursor confirmed: asking for "after n"
 * means the site holds everything up to n durably, so the hub remembers n (a site that restarts
 * without a cursor resumes there) and drops the guest's order from what it routed up to n.
 */
export async function ordersForSite(
  db: Kysely<HubTables>,
  siteId: string,
  after: number | undefined,
  limit: number,
  now: Date,
): Promise<{ cursor: number; orders: RoutedDelivery[] }> {
  const summary = await db
    .selectFrom('hub_site_summary')
    .select('order_cursor')
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  const stored = Number(summary?.order_cursor ?? 0);
  const cursor = after ?? stored;
  await db
    .updateTable('hub_site_summary')
    .set({ last_contact_at: now.toISOString(), ...(cursor > stored ? { order_cursor: cursor } : {}) })
    .where('site_id', '=', siteId)
    .execute();
  if (cursor > stored) {
    // The site holds these now, sealed its own way: the hub keeps the record of routing, not the guest.
    await db
      .updateTable('hub_routed_orders')
      .set({ webhook: delivered, body: null })
      .where('site_id', '=', siteId)
      .where('sequence', '<=', cursor)
      .where('webhook', '<>', delivered)
      .execute();
  }
  const rows = await db
    .selectFrom('hub_routed_orders')
    .select(['sequence', 'webhook', 'body'])
    .where('site_id', '=', siteId)
    .where('sequence', '>', cursor)
    .where('webhook', '<>', delivered)
    .orderBy('sequence')
    .limit(limit)
    .execute();
  return {
    cursor,
    orders: rows.map((row) => ({
      sequence: Number(row.sequence),
      webhook: JSON.parse(row.webhook) as SignedWebhook,
      ...(row.body ? { body: row.body } : {}),
    })),
  };
}
