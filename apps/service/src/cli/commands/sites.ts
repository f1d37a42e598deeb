import type { Config } from '../../config/index.ts';
import { openHubDatabase } from '../../hub/open-hub-database.ts';
import { openSiteViewStore } from '../../hub/site-view-store.ts';
import { addSite, listSites, removeSite } from '../../hub/sites-registry.ts';
import { textOption } from '../args.ts';
import type { CliContext } from '../cli-context.ts';

const siteIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

function databaseUrl(config: Config): string {
  const url = config.database.url;
  if (!url) throw new Error('sites live in the hub database: set BONRELAY_DATABASE_URL');
  return url;
}

/**
 * `sites add|list|remove`: the hub's registry of restaurants. `add` prints the site's token alone on
 * the last line (so a script can take it with `tail -1`); only its hash is stored.
 */
export async function sitesCommand(context: CliContext): Promise<number> {
  const [, action, siteId] = context.args.words;
  const hub = await openHubDatabase(databaseUrl(context.config), 1);
  try {
    if (action === 'list') {
      const sites = await listSites(hub.db);
      for (const site of sites) {
        context.out(`${site.siteId}\t${site.wixInstance ?? '-'}\tadded ${site.addedAt}\n`);
      }
      if (sites.length === 0) context.out('no sites yet: bonrelay sites add <site-id>\n');
      return 0;
    }
    if ((action !== 'add' && action !== 'remove') || siteId === undefined) {
      context.out(
        'usage: bonrelay sites add <site-id> [--wix-instance <id>] | sites list | sites remove <site-id>\n',
      );
      return 2;
    }
    if (action === 'remove') {
      const views = openSiteViewStore(databaseUrl(context.config));
      const result = await removeSite(hub.db, views, siteId).finally(() => views.close());
      if (!result.removed) {
        context.out(`no site ${siteId}\n`);
        return 1;
      }
      context.out(
        `removed ${siteId}: its token no longer works and no order routes to it\nkept ${result.keptEvents} events of ${siteId}; its views were dropped (the events are the group's history: \`sites add ${siteId}\` again continues that log and rebuilds the views; a different restaurant needs a new id)\n`,
      );
      return 0;
    }
    if (!siteIdPattern.test(siteId)) {
      context.out(`"${siteId}" is no site id: use lower-case letters, digits and dashes\n`);
      return 2;
    }
    const wixInstance = textOption(context.args, 'wix-instance');
    const added = await addSite(hub.db, { siteId, ...(wixInstance ? { wixInstance } : {}) }, new Date());
    if (!added.ok) {
      context.out(`${added.problem}\n`);
      return 1;
    }
    context.out(
      `added ${siteId}${wixInstance ? ` (Wix instance ${wixInstance})` : ''}; start it with BONRELAY_SITE_ID=${siteId} BONRELAY_HUB_TOKEN=<token below>; this token is shown only now:\n${added.token}\n`,
    );
    return 0;
  } finally {
    await hub.close();
  }
}
