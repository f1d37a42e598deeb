import type { OfflinePeriod } from '@bonrelay/domain';
import type { Translator } from '@bonrelay/locale';
import { escapeHtml as html } from './escape-html.ts';
import type { OpenHubAlert } from './hub-alerts.ts';
import { hubAlertsPanelHtml } from './hub-alerts-panel.ts';
import type { SiteOverview } from './hub-queries.ts';

/** What the group's overview page shows, and in which language and time zone. */
export interface HubOverviewPage {
  readonly sites: readonly SiteOverview[];
  readonly outages: ReadonlyMap<string, OfflinePeriod>;
  readonly alerts: { readonly alerts: readonly OpenHubAlert[]; readonly total: number };
  readonly refreshSeconds: number;
  readonly translator: Translator;
  readonly timeZone: string;
}

function printers(site: SiteOverview): string {
  const entries = Object.entries(site.printers);
  return entries.length === 0
    ? '—'
    : entries.map(([name, status]) => `${html(name)}: ${html(status)}`).join(', ');
}

/** The site's last outage: what went, when, for how long, linking to all its outages. */
function lastOutage(site: string, outage: OfflinePeriod | undefined, { say }: Translator): string {
  if (outage === undefined) return html(say('hub.noOutage'));
  const minutes = Math.round(outage.durationMs / 60_000);
  const lasted = say(outage.end === undefined ? 'hub.outageOngoing' : 'hub.outageLasted', { minutes });
  return `<a href="/api/offline-periods?site=${encodeURIComponent(site)}">${html(outage.component)} ${html(outage.start)} (${html(lasted)}, ${html(outage.cause)})</a>`;
}

function row(site: SiteOverview, page: HubOverviewPage): string {
  const { say } = page.translator;
  const refused = site.replicationRefused
    ? ` <b class="bad">${html(say('hub.refused', { reason: site.replicationRefused.reason ?? '' }))}</b>`
    : '';
  return `<tr data-site="${html(site.site)}" data-mode="${html(site.mode)}">
  <td><a href="/api/events?site=${encodeURIComponent(site.site)}">${html(site.site)}</a></td>
  <td class="${html(site.mode)}">${html(site.mode)}</td>
  <td>${printers(site)}</td>
  <td>${html(site.internet)}</td>
  <td>${site.queueDepth}</td>
  <td>${html(site.lastContactAt ?? say('hub.never'))}</td>
  <td>${site.replicatedPosition}${refused}</td>
  <td class="outage">${lastOutage(site.site, page.outages.get(site.site), page.translator)}</td>
  <td><a href="/api/orders?site=${encodeURIComponent(site.site)}">${html(say('hub.orders'))}</a></td>
</tr>`;
}

const columns = [
  'hub.column.site',
  'hub.column.mode',
  'hub.column.printers',
  'hub.column.internet',
  'hub.column.queue',
  'hub.column.lastContact',
  'hub.column.replicated',
  'hub.column.lastOutage',
  'hub.column.detail',
] as const;

/**
 * The group's overview on one page, rendered on the server from the sites' summaries: an operations
 * lead sees at a glance which restaurant cannot print or has lost the hub, and above them what the
 * hub has alerted about and not yet seen resolved. It refreshes itself, so a screen in the office
 * stays current without any script.
 */
export function hubDashboardHtml(page: HubOverviewPage): string {
  const { say, locale } = page.translator;
  const empty = `<tr><td colspan="${columns.length}">${html(say('hub.noSites'))} <code>bonrelay sites add &lt;site-id&gt;</code></td></tr>`;
  return `<!doctype html>
<html lang="${html(locale)}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${page.refreshSeconds}">
<title>${html(say('hub.title'))}</title>
<style>
body{font:15px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.online{color:#167a2e}.degraded{color:#9a6700}.offline,.full-offline,.bad{color:#b3261e}.unknown{color:#666}
</style></head><body>
${hubAlertsPanelHtml(page.alerts, page.translator, page.timeZone)}
<h1>${html(say('hub.heading'))}</h1>
<table><thead><tr>${columns.map((key) => `<th>${html(say(key))}</th>`).join('')}</tr></thead>
<tbody>
${page.sites.length === 0 ? empty : page.sites.map((site) => row(site, page)).join('\n')}
</tbody></table>
</body></html>`;
}
