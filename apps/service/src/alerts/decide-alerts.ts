import { type PrinterConnectivity, printableStatuses, type UnreadableOrder } from '@bonrelay/domain';
import { type Translator, translatorFor } from '@bonrelay/locale';
import {
  type AlertKind,
  type AlertRules,
  type AlertsSnapshot,
  type AlertsState,
  alertKey,
  type OpenAlert,
  type WixHealthSnapshot,
} from './alert-types.ts';

/** What one look at the views decided: alerts to open and open alerts whose cause is over. */
export interface AlertDecision {
  readonly state: AlertsState;
  readonly raise: readonly OpenAlert[];
  readonly clear: readonly OpenAlert[];
}

interface Finding {
  readonly kind: AlertKind;
  readonly subject: string;
  readonly message: string;
}

/** `true`: the condition holds; `false`: it is known to be over; `undefined`: cannot tell yet. */
type Verdict = { readonly holds: true; readonly message: string } | { readonly holds: false | undefined };

// `19:40` on the day it began, with the date otherwise; ISO when no zone is known.
function sinceText(iso: string, now: number, rules: AlertRules): string {
  if (!rules.timeZone) return iso;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: rules.timeZone } as const;
  const day = new Intl.DateTimeFormat(rules.locale, { dateStyle: 'short', timeZone: rules.timeZone });
  const sameDay = day.format(at) === day.format(new Date(now));
  return new Intl.DateTimeFormat(
    rules.locale,
    sameDay ? clock : { ...clock, day: '2-digit', month: '2-digit' },
  ).format(at);
}

function printerOffline(
  printer: PrinterConnectivity,
  now: number,
  rules: AlertRules,
  say: Translator['say'],
): Verdict {
  if (printer.status === 'unknown') return { holds: undefined };
  if (printableStatuses.includes(printer.status)) return { holds: false };
  // Still down but not for long enough: neither a new alert nor the end of an open one.
  if (now - Date.parse(printer.since) < rules.printerOfflineAfterMs) return { holds: undefined };
  return {
    holds: true,
    message: say('alert.printerOffline', {
      printer: printer.printer,
      status: printer.status,
      reason: printer.reason,
      since: sinceText(printer.since, now, rules),
    }),
  };
}

function paperNearEnd(printer: PrinterConnectivity, rules: AlertRules, say: Translator['say']): Verdict {
  if (!rules.paperNearEnd || printer.status === 'online') return { holds: false };
  // Out of paper is still "change the roll": only a printer back to plain online ends it.
  if (printer.status !== 'paper-near-end') return { holds: undefined };
  return { holds: true, message: say('alert.paperNearEnd', { printer: printer.printer }) };
}

function staleQueues(
  snapshot: AlertsSnapshot,
  now: number,
  rules: AlertRules,
  say: Translator['say'],
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const { printer, waiting, oldestQueuedAt } of snapshot.backlog) {
    if (oldestQueuedAt === undefined) continue;
    const ageMs = now - Date.parse(oldestQueuedAt);
    if (ageMs < rules.queueAgeThresholdMs) continue;
    const minutes = Math.floor(ageMs / 60_000);
    verdicts.set(printer, {
      holds: true,
      message: say('alert.queueStale', { waiting, printer, minutes }),
    });
  }
  return verdicts;
}

function findings(snapshot: AlertsSnapshot, now: number, rules: AlertRules): Map<string, Verdict & Finding> {
  const { say } = translatorFor(rules.locale);
  const found = new Map<string, Verdict & Finding>();
  const note = (kind: AlertKind, subject: string, verdict: Verdict) => {
    found.set(alertKey(kind, subject), {
      ...verdict,
      kind,
      subject,
      message: verdict.holds ? verdict.message : '',
    });
  };
  for (const printer of Object.values(snapshot.connectivity.printers)) {
    note('printer-offline', printer.printer, printerOffline(printer, now, rules, say));
    note('paper-near-end', printer.printer, paperNearEnd(printer, rules, say));
  }
  for (const [printer, verdict] of staleQueues(snapshot, now, rules, say))
    note('queue-stale', printer, verdict);
  for (const open of snapshot.unreadable ?? []) {
    note('order-unreadable', open.orderId ?? open.webhookId, {
      holds: true,
      message: unreadableMessage(open, say),
    });
  }
  if (snapshot.wix) {
    const { gap, skew } = snapshot.wix;
    note(
      'webhook-delivery-gap',
      'wix',
      gap ? { holds: true, message: gapMessage(gap, now, rules, say) } : { holds: false },
    );
    note(
      'clock-skew',
      'clock',
      skew ? { holds: true, message: skewMessage(skew.offsetMs, say) } : { holds: false },
    );
  }
  return found;
}

function gapMessage(
  gap: NonNullable<WixHealthSnapshot['gap']>,
  now: number,
  rules: AlertRules,
  say: Translator['say'],
): string {
  const last = gap.lastWebhookAt ? sinceText(gap.lastWebhookAt, now, rules) : '—';
  if (gap.cause === 'hub-unreachable') {
    return say('alert.hubUnreachable', {
      since: sinceText(gap.hubDownSince ?? gap.detectedAt, now, rules),
      last,
    });
  }
  return say('alert.webhookDeliveryGap', {
    orders: gap.orders,
    oldest: gap.oldestOrderId ?? '—',
    changed: gap.oldestUpdatedAt ? sinceText(gap.oldestUpdatedAt, now, rules) : '—',
    last,
  });
}

function skewMessage(offsetMs: number, say: Translator['say']): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return say('alert.clockSkew', { minutes, direction: offsetMs > 0 ? 'behind' : 'ahead' });
}

/** Conditions that are over as soon as the views stop showing them; the printer alerts need evidence. */
const overWhenGone: ReadonlySet<AlertKind> = new Set(['queue-stale', 'order-unreadable']);

function unreadableMessage(open: UnreadableOrder, say: Translator['say']): string {
  const details = { reason: open.reason, error: String(open.fetchError) };
  return open.orderId
    ? say('alert.unreadableOrder', { id: open.orderId, ...details })
    : say('alert.unreadableDelivery', { id: open.webhookId, ...details });
}

function holdsStill(kind: AlertKind, verdict: Verdict | undefined): boolean {
  if (verdict === undefined) return !overWhenGone.has(kind);
  return verdict.holds !== false;
}

/**
 * The alerting rules as a pure function of the views and the time, so they are specified with
 * given / when / then and replay the same way: opens an alert once per kind and printer while its
 * condition holds, and closes it once the condition is known to be over.
 */
export function decideAlerts(
  state: AlertsState,
  snapshot: AlertsSnapshot,
  now: Date,
  rules: AlertRules,
): AlertDecision {
  const at = now.getTime();
  const found = findings(snapshot, at, rules);
  const open: Record<string, OpenAlert> = { ...state.open };
  const raise: OpenAlert[] = [];
  const clear: OpenAlert[] = [];
  for (const [key, alert] of Object.entries(state.open)) {
    if (holdsStill(alert.kind, found.get(key))) continue;
    clear.push(alert);
    delete open[key];
  }
  for (const [key, finding] of found) {
    if (finding.holds !== true || open[key] !== undefined) continue;
    const raisedAt = now.toISOString();
    const alert: OpenAlert = {
      alertId: `${finding.kind}:${finding.subject}:${raisedAt}`,
      kind: finding.kind,
      subject: finding.subject,
      message: finding.message,
      raisedAt,
    };
    raise.push(alert);
    open[key] = alert;
  }
  if (raise.length === 0 && clear.length === 0) return { state, raise, clear };
  return { state: { open }, raise, clear };
}
