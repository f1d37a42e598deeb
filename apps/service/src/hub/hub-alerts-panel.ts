import type { MessageKey, Translator } from '@bonrelay/locale';
import { escapeHtml as html } from './escape-html.ts';
import type { OpenHubAlert } from './hub-alerts.ts';

const kindLabels: Readonly<Record<string, MessageKey>> = {
  'order-unroutable': 'hub.alerts.kind.orderUnroutable',
  'replication-refused': 'hub.alerts.kind.replicationRefused',
};

function since(iso: string, translator: Translator, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return html(iso);
  const shown = new Intl.DateTimeFormat(translator.locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
  }).format(at);
  return `<time datetime="${html(iso)}">${html(shown)}</time>`;
}

function row(alert: OpenHubAlert, translator: Translator, timeZone: string): string {
  const label = kindLabels[alert.kind];
  const what = label ? translator.say(label) : translator.say('hub.alerts.kind.other', { kind: alert.kind });
  const site =
    alert.siteId === undefined
      ? `<span class="unknown">${html(translator.say('hub.alerts.noSite'))}</span>`
      : `<a href="/api/events?site=${encodeURIComponent(alert.siteId)}">${html(alert.siteId)}</a>`;
  return `<tr data-alert="${html(alert.kind)}"${alert.siteId === undefined ? '' : ` data-site="${html(alert.siteId)}"`}>
  <td class="bad">${html(what)}</td>
  <td>${site}</td>
  <td>${since(alert.raisedAt, translator, timeZone)}</td>
  <td>${html(alert.message)}</td>
</tr>`;
}

/**
 * The hub's open alerts at the top of the group's overview: what, which site, since when, in the
 * page's language (the detail as the alert was raised, in the alerts' language). Nothing at all
 * while none is open, so the page shows trouble only when there is some.
 */
export function hubAlertsPanelHtml(
  open: { readonly alerts: readonly OpenHubAlert[]; readonly total: number },
  translator: Translator,
  timeZone: string,
): string {
  if (open.total === 0) return '';
  const { say } = translator;
  const more = open.total - open.alerts.length;
  return `<section data-testid="hub-alerts">
<h2 class="bad">${html(say('hub.alerts.heading', { count: open.total }))}</h2>
<table><thead><tr><th>${html(say('hub.alerts.what'))}</th><th>${html(say('hub.alerts.site'))}</th><th>${html(say('hub.alerts.since'))}</th><th>${html(say('hub.alerts.detail'))}</th></tr></thead>
<tbody>
${open.alerts.map((alert) => row(alert, translator, timeZone)).join('\n')}
</tbody></table>
${more > 0 ? `<p>${html(say('hub.alerts.more', { count: more }))}</p>` : ''}
</section>`;
}
