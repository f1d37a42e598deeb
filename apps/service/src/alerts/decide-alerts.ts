import { type PrinterConnectivity, printableStatuses, type UnreadableOrder } from '@bonrelay/domain';
import {
  type AlertKind,
  type AlertRules,
  type AlertsSnapshot,
  type AlertsState,
  alertKey,
  type OpenAlert,
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

function printerOffline(printer: PrinterConnectivity, now: number, rules: AlertRules): Verdict {
  if (printer.status === 'unknown') return { holds: undefined };
  if (printableStatuses.includes(printer.status)) return { holds: false };
  // Still down but not for long enough: neither a new alert nor the end of an open one.
  if (now - Date.parse(printer.since) < rules.printerOfflineAfterMs) return { holds: undefined };
  return {
    holds: true,
    message: `Printer "${printer.printer}" cannot print (${printer.status}: ${printer.reason}) since ${printer.since}`,
  };
}

function paperNearEnd(printer: PrinterConnectivity, rules: AlertRules): Verdict {
  if (!rules.paperNearEnd || printer.status === 'online') return { holds: false };
  // Out of paper is still "change the roll": only a printer back to plain online ends it.
  if (printer.status !== 'paper-near-end') return { holds: undefined };
  return { holds: true, message: `Printer "${printer.printer}" is running out of paper: change the roll` };
}

function staleQueues(snapshot: AlertsSnapshot, now: number, rules: AlertRules): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const { printer, waiting, oldestQueuedAt } of snapshot.backlog) {
    if (oldestQueuedAt === undefined) continue;
    const ageMs = now - Date.parse(oldestQueuedAt);
    if (ageMs < rules.queueAgeThresholdMs) continue;
    const minutes = Math.floor(ageMs / 60_000);
    verdicts.set(printer, {
      holds: true,
      message: `${waiting} ticket(s) waiting for printer "${printer}", the oldest for ${minutes} min`,
    });
  }
  return verdicts;
}

function findings(snapshot: AlertsSnapshot, now: number, rules: AlertRules): Map<string, Verdict & Finding> {
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
    note('printer-offline', printer.printer, printerOffline(printer, now, rules));
    note('paper-near-end', printer.printer, paperNearEnd(printer, rules));
  }
  for (const [printer, verdict] of staleQueues(snapshot, now, rules)) note('queue-stale', printer, verdict);
  for (const open of snapshot.unreadable ?? []) {
    note('order-unreadable', open.orderId ?? open.webhookId, {
      holds: true,
      message: unreadableMessage(open),
    });
  }
  if (snapshot.webhookGap) {
    note('webhook-delivery-gap', 'wix', { holds: true, message: webhookGapMessage(snapshot.webhookGap) });
  }
  return found;
}

/** Conditions that are over as soon as the views stop showing them; the printer alerts need evidence. */
const overWhenGone: ReadonlySet<AlertKind> = new Set([
  'queue-stale',
  'order-unreadable',
  'webhook-delivery-gap',
]);

function webhookGapMessage(gap: NonNullable<AlertsSnapshot['webhookGap']>): string {
  const last = gap.lastWebhookAt ? `the last webhook came ${gap.lastWebhookAt}` : 'no webhook has come yet';
  return `Wix cannot reach this box: ${gap.orders} order(s) came only by the catch-up (oldest ${gap.oldestOrderId}), ${last}. Orders are fetched every minute instead; check the tunnel / public URL`;
}

function unreadableMessage(open: UnreadableOrder): string {
  const which = open.orderId ? `Wix order ${open.orderId}` : `Wix delivery ${open.webhookId}`;
  return `An order could not be read — open it in Wix (${which}): ${open.reason}; ${open.fetchError}`;
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
