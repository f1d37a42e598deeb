import type { Config } from '../config/index.ts';

/**
 * The settings a role cannot run without, as messages naming the key and its variable: a hub
 * without its database, or a site with half of its hub settings, must not start and limp.
 */
export function hubRoleProblems(config: Config): string[] {
  if (config.role === 'hub') {
    return config.database.url
      ? []
      : [
          'database.url (BONRELAY_DATABASE_URL): a hub needs a database, e.g. postgres://bonrelay@db/bonrelay',
        ];
  }
  const { url, siteId, token } = config.hub;
  if (url === undefined && token === undefined) {
    // A site id alone names the site's rows in its own server database.
    if (siteId === undefined || config.database.url !== undefined) return [];
  }
  const missing = [
    url === undefined ? 'hub.url (BONRELAY_HUB_URL)' : undefined,
    siteId === undefined ? 'hub.siteId (BONRELAY_SITE_ID)' : undefined,
    token === undefined ? 'hub.token (BONRELAY_HUB_TOKEN)' : undefined,
  ].filter((name) => name !== undefined);
  return missing.map((name) => `${name}: a site that replicates to a hub needs its url, site id and token`);
}
