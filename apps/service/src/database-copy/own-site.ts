import type { Kysely } from 'kysely';
import type { HubTables } from '../hub/hub-tables.ts';
import { addSite } from '../hub/sites-registry.ts';

/**
 * Makes sure the site has its row in the server database, as `sites add` would give it: the copy
 * needs it, and a hub later started on the same database lists the site with everything copied.
 * The token `addSite` makes is thrown away: a site writing in process never presents one.
 */
export async function registerOwnSite(db: Kysely<HubTables>, siteId: string, now: Date): Promise<void> {
  const added = await addSite(db, { siteId }, now);
  if (!added.ok && added.taken !== 'site') throw new Error(added.problem);
}
