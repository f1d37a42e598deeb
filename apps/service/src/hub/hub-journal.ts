import type { Kysely, Transaction } from 'kysely';
import type { HubTables } from './hub-tables.ts';

export interface HubFact {
  readonly id: string;
  readonly type: 'OrderUnroutable' | 'ReplicationRefused';
  readonly siteId: string | undefined;
  readonly data: unknown;
  readonly at: string;
}

/**
 * Records a fact of the hub's own, once by its id (a redelivered unroutable order, a site resending
 * the same broken batch), so the hub's alerts can be counted and audited like a site's.
 */
export async function recordHubEvent(
  db: Kysely<HubTables> | Transaction<HubTables>,
  fact: HubFact,
): Promise<boolean> {
  const result = await db
    .insertInto('hub_events')
    .values({
      id: fact.id,
      type: fact.type,
      site_id: fact.siteId ?? null,
      data: JSON.stringify(fact.data),
      recorded_at: fact.at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
