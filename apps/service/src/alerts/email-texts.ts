import type { AlertKind, AlertNotice } from './alert-types.ts';
import type { DailySummary } from './daily-summary.ts';

/**
 * Every word an alert mail says, in one module, so a translation replaces this file (or moves it to
 * a catalog) without touching how mails are put together. Each text is short: mails are read on a
 * phone, in the middle of service.
 */
export const mailTexts = {
  /** Dates and times in mails, in the restaurant's time zone. */
  locale: 'en-GB',
  subject: {
    'printer-offline': {
      raised: (printer: string) => `Printer ${printer} cannot print`,
      cleared: (printer: string) => `Resolved: printer ${printer} prints again`,
    },
    'queue-stale': {
      raised: (printer: string) => `Tickets waiting at printer ${printer}`,
      cleared: (printer: string) => `Resolved: tickets at printer ${printer} move again`,
    },
    'paper-near-end': {
      raised: (printer: string) => `Printer ${printer}: paper running out`,
      cleared: (printer: string) => `Resolved: printer ${printer} has paper again`,
    },
    'order-unreadable': {
      raised: (order: string) => `Order ${order} could not be read — open it in Wix`,
      cleared: (order: string) => `Resolved: order ${order} was read`,
    },
    'webhook-delivery-gap': {
      raised: () => 'Wix cannot reach this box',
      cleared: () => "Resolved: Wix's webhooks arrive again",
    },
    'clock-skew': {
      raised: () => "This box's clock is wrong",
      cleared: () => "Resolved: this box's clock is right again",
    },
    'daily-summary': {
      raised: (day: string) => `Day ${day} summary`,
      cleared: (day: string) => `Day ${day} summary`,
    },
    'order-unroutable': {
      raised: (order: string) => `Order ${order} reached the hub for no site`,
      cleared: (order: string) => `Resolved: order ${order} found its site`,
    },
    'replication-refused': {
      raised: (site: string) => `The hub refuses site ${site}'s log`,
      cleared: (site: string) => `Resolved: site ${site} replicates again`,
    },
  } satisfies Record<AlertKind, Record<AlertNotice, (subject: string) => string>>,
  /** What to do, one line; the message above it says what happened. */
  hint: {
    'printer-offline': 'Check its power, cable and cover. Tickets wait and print once it is back.',
    'queue-stale': 'Check the printer; the dashboard shows the waiting tickets.',
    'paper-near-end': 'Put in a new roll before the rush.',
    'order-unreadable': 'Open the order in Wix and make it by hand; it will not print by itself.',
    // The alert's own message already says what to do (check the tunnel / public URL).
    'webhook-delivery-gap': '',
    'clock-skew': 'Tickets show wrong times until it is fixed: check the time settings (NTP).',
    'daily-summary': '',
    'order-unroutable':
      'Make the order by hand from Wix, and register the instance with `bonrelay sites add`.',
    'replication-refused':
      "Compare the site's log with the hub's (`bonrelay verify`); nothing more is replicated until then.",
  } satisfies Record<AlertKind, string>,
  resolved: (message: string) => `Resolved: ${message}`,
  raisedAt: (time: string) => `Raised ${time}.`,
  resolvedAt: (raised: string, resolved: string) => `Raised ${raised}, resolved ${resolved}.`,
  signature: (restaurant: string) => `bonrelay at ${restaurant}`,
  summary: {
    subject: (day: string, summary: DailySummary) =>
      `${day}: ${summary.orders} order(s), ${summary.outages === 0 ? 'no outage' : `${summary.outages} outage(s)`}`,
    heading: (day: string) => `Business day ${day}`,
    orders: 'Orders',
    outages: 'Outages',
    minutesOffline: 'Minutes offline',
    reprinted: 'Tickets reprinted',
    component: (component: string) =>
      component === 'internet' ? 'internet' : component.replace(/^printer:/, 'printer '),
    componentLine: (name: string, outages: number, minutes: number) => `${name}: ${outages}×, ${minutes} min`,
    more: (count: number) => `… and ${count} more`,
  },
  test: {
    subject: 'Test mail: e-mail alerts work',
    body: (time: string) =>
      `This is a test from bonrelay doctor, sent ${time}. Alerts (printer offline, tickets waiting, paper, Wix) and the daily summary come to this address.`,
  },
};
