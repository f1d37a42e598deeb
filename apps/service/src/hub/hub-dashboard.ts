import type { OfflinePeriod } from '@bonrelay/domain';
import type { SiteOverview } from './hub-queries.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function html(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] as string);
}

function printers(site: SiteOverview): string {
  const entries = Object.entries(site.printers);
  return entries.length === 0
    ? '—'
    : entries.map(([name, status]) => `${html(name)}: ${html(status)}`).join(', ');
}

/** The site's last outage: what went, when, for how long, linking to all its outages. */
function lastOutage(site: string, outage: OfflinePeriod | undefined): string {
  if (outage === undefined) return 'none';
  const minutes = Math.round(outage.durationMs / 60_000);
  const lasted = outage.end === undefined ? `ongoing, ${minutes} min` : `${minutes} min`;
  return `<a href="/api/offline-periods?site=${encodeURIComponent(site)}">${html(outage.component)} ${html(outage.start)} (${lasted}, ${html(outage.cause)})</a>`;
}

function row(site: SiteOverview, outages: ReadonlyMap<string, OfflinePeriod>): string {
  const refused = site.replicationRefused
    ? ` <b class="bad">refused: ${html(site.replicationRefused.reason ?? '')}</b>`
    : '';
  return `<tr data-site="${html(site.site)}" data-mode="${html(site.mode)}">
  <td><a href="/api/events?site=${encodeURIComponent(site.site)}">${html(site.site)}</a></td>
  <td class="${html(site.mode)}">${html(site.mode)}</td>
  <td>${printers(site)}</td>
  <td>${html(site.internet)}</td>
  <td>${site.queueDepth}</td>
  <td>${html(site.lastContactAt ?? 'never')}</td>
  <td>${site.replicatedPosition}${refused}</td>
  <td class="outage">${lastOutage(site.site, outages.get(site.site))}</td>
  <td><a href="/api/orders?site=${encodeURIComponent(site.site)}">orders</a></td>
</tr>`;
}

/**
 * The group's overview on one page, rendered on the server from the sites' summaries: an operations
 * lead sees at a glance which restaurant cannot print or has lost the hub. It refreshes itself, so
 * a screen in the office stays current without any script.
 */
export function hubDashboardHtml(
  sites: readonly SiteOverview[],
  refreshSeconds: number,
  outages: ReadonlyMap<string, OfflinePeriod> = new Map(),
): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${refreshSeconds}">
<title>bonrelay hub</title>
<style>
body{font:15px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.online{color:#167a2e}.degraded{color:#9a6700}.offline,.full-offline,.bad{color:#b3261e}.unknown{color:#666}
</style></head><body>
<h1>Restaurants</h1>
<table><thead><tr><th>site</th><th>mode</th><th>printers</th><th>internet</th><th>queue</th><th>last contact</th><th>replicated up to</th><th>last outage</th><th>detail</th></tr></thead>
<tbody>
${sites.length === 0 ? '<tr><td colspan="9">No sites yet: <code>bonrelay sites add &lt;site-id&gt;</code></td></tr>' : sites.map((site) => row(site, outages)).join('\n')}
</tbody></table>
</body></html>`;
}
