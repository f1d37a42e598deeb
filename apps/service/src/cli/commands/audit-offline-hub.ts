import type { OfflineComponent } from '@bonrelay/domain';
import { asyncQueries, connectivityQueries } from '@bonrelay/views';
import { openHubDatabase } from '../../hub/open-hub-database.ts';
import { catchUpSiteViews } from '../../hub/project-site-views.ts';
import { openSiteViewStore } from '../../hub/site-view-store.ts';
import { bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import type { CliContext } from '../cli-context.ts';
import { printOfflineAudit } from './audit-offline.ts';

/**
 * `audit offline --site <id>` on a hub: one restaurant's outages from its views in the hub
 * database, brought up to everything the site has replicated first, so an operations lead audits
 * any site from the office exactly as the site's own CLI would.
 */
export async function auditOfflineOnHub(
  context: CliContext,
  siteId: string,
  window: {
    readonly from: string | undefined;
    readonly to: string | undefined;
    readonly component: OfflineComponent | undefined;
  },
): Promise<number> {
  const url = context.config.database.url;
  if (!url) {
    context.out('--site audits a site on the hub: set BONRELAY_DATABASE_URL to the hub database\n');
    return 2;
  }
  const hub = await openHubDatabase(url, 1);
  const store = openSiteViewStore(url);
  try {
    const known = await hub.db
      .selectFrom('hub_sites')
      .select('site_id')
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    if (known === undefined) {
      context.out(`no site ${siteId}: bonrelay sites list\n`);
      return 1;
    }
    const views = bonrelayTableViews(context.config);
    await catchUpSiteViews(hub.db, store, siteId, views);
    const audit = asyncQueries(store.connection(siteId), connectivityQueries);
    const query = { ...window, now: new Date().toISOString() };
    const { periods } = await audit.offlinePeriods(query);
    if (context.args.options.json) {
      context.out(`${JSON.stringify({ site: siteId, offlinePeriods: periods }, null, 2)}\n`);
      return 0;
    }
    const days = await audit.offlineDays({ ...query, timeZone: context.config.businessDay.timeZone });
    printOfflineAudit(context, window, periods, days);
    return 0;
  } finally {
    await store.close();
    await hub.close();
  }
}
