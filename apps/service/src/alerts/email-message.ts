import { type MessageKey, type Translator, translatorFor } from '@bonrelay/locale';
import type { Config } from '../config/index.ts';
import type { PendingNotice } from './alert-log.ts';
import type { AlertKind } from './alert-types.ts';
import { businessDayName, type DailySummary } from './daily-summary.ts';

/** One mail: a subject, the plain text, and the same as simple HTML. */
export interface AlertMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Where a mail is from, in the restaurant's language (`alerts.locale`), words and time. */
export interface MailContext {
  readonly restaurant: string;
  readonly timeZone: string;
  readonly locale: string;
}

/** The mails' context from the config: the restaurant's name, its zone, and the alerts' language. */
export function mailContext(config: Config): MailContext {
  return {
    restaurant: config.tickets.restaurant.name,
    timeZone: config.businessDay.timeZone,
    locale: config.alerts.locale,
  };
}

/** What an alert's subject names in its subject line: the printer, the order, the day. */
const subjectNames: Record<AlertKind, string> = {
  'printer-offline': 'printer',
  'queue-stale': 'printer',
  'paper-near-end': 'printer',
  'order-unreadable': 'order',
  'webhook-delivery-gap': 'subject',
  'clock-skew': 'subject',
  'daily-summary': 'day',
  'order-unroutable': 'order',
  'replication-refused': 'site',
};

/** What to do, one line; the alert's message already says what happened (and for some, what to do). */
const hints: Partial<Record<AlertKind, MessageKey>> = {
  'printer-offline': 'email.hint.printer-offline',
  'queue-stale': 'email.hint.queue-stale',
  'paper-near-end': 'email.hint.paper-near-end',
  'order-unreadable': 'email.hint.order-unreadable',
  'clock-skew': 'email.hint.clock-skew',
  'order-unroutable': 'email.hint.order-unroutable',
  'replication-refused': 'email.hint.replication-refused',
};

/** Outages listed one per line, at most this many, so the mail stays one screen on a phone. */
const listedComponents = 4;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function when(iso: string, context: MailContext): string {
  return new Intl.DateTimeFormat(context.locale, {
    timeZone: context.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The log's UTC instants inside an alert's message, as the restaurant's clock shows them. */
function localTimes(message: string, context: MailContext): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, (instant) =>
    when(instant, context),
  );
}

function subjectLine(context: MailContext, text: string): string {
  return `[${context.restaurant}] ${text}`;
}

function signature(context: MailContext, say: Translator['say']): string {
  return `— ${say('email.signature', { restaurant: context.restaurant })}`;
}

/** Paragraphs as text and as HTML alike, so both parts always say the same. */
function mail(subject: string, paragraphs: readonly string[], context: MailContext): AlertMail {
  const lines = [
    ...paragraphs.filter((line) => line !== ''),
    signature(context, translatorFor(context.locale).say),
  ];
  return {
    subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:16px">${lines
      .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
  };
}

function componentName(component: string, say: Translator['say']): string {
  if (component === 'internet') return say('email.summary.internet');
  if (component.startsWith('printer:')) {
    return say('email.summary.printer', { printer: component.slice('printer:'.length) });
  }
  return component;
}

function summaryMail(summary: DailySummary, context: MailContext): AlertMail {
  const { say } = translatorFor(context.locale);
  const day = businessDayName(summary.businessDay, context.locale);
  const heading = say('email.summary.heading', { day });
  const rows: [string, string][] = [
    [say('email.summary.orders'), String(summary.orders)],
    [say('email.summary.outages'), String(summary.outages)],
    [say('email.summary.minutesOffline'), String(summary.minutesOffline)],
    [say('email.summary.reprinted'), String(summary.ticketsReprinted)],
  ];
  const shown = summary.offline.slice(0, listedComponents);
  const details = shown.map(({ component, outages, minutes }) =>
    say('email.summary.componentLine', { name: componentName(component, say), outages, minutes }),
  );
  const hidden = summary.offline.length - shown.length;
  if (hidden > 0) details.push(say('email.summary.more', { count: hidden }));
  const signed = signature(context, say);
  const text = [
    heading,
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...details.map((line) => `  ${line}`),
    signed,
  ];
  const table = rows
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(label)}</td><td style="text-align:right"><b>${escapeHtml(value)}</b></td></tr>`,
    )
    .join('');
  return {
    subject: subjectLine(
      context,
      say('email.summary.subject', { day, orders: summary.orders, outages: summary.outages }),
    ),
    text: `${text.join('\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:16px"><p style="margin:0 0 8px"><b>${escapeHtml(
      heading,
    )}</b></p><table>${table}</table>${details
      .map((line) => `<p style="margin:4px 0;color:#555">${escapeHtml(line)}</p>`)
      .join('')}<p style="margin:8px 0 0">${escapeHtml(signed)}</p></body></html>`,
  };
}

/**
 * The mail for one notice: the subject says restaurant, printer (or order) and what is wrong, so
 * a phone's notification alone tells the manager whether to act; the body adds what to do.
 */
export function alertMail(notice: PendingNotice, context: MailContext): AlertMail {
  const { alert } = notice;
  if (alert.kind === 'daily-summary' && alert.summary) return summaryMail(alert.summary, context);
  const { say } = translatorFor(context.locale);
  const subject = subjectLine(
    context,
    say(`email.subject.${alert.kind}.${notice.notice}`, { [subjectNames[alert.kind]]: alert.subject }),
  );
  if (notice.notice === 'cleared') {
    return mail(
      subject,
      [
        say('alert.resolved', { message: localTimes(alert.message, context) }),
        say('email.resolvedAt', {
          raised: when(alert.raisedAt, context),
          resolved: when(notice.at, context),
        }),
      ],
      context,
    );
  }
  const hint = hints[alert.kind];
  return mail(
    subject,
    [
      localTimes(alert.message, context),
      hint === undefined ? '' : say(hint),
      say('email.raisedAt', { time: when(alert.raisedAt, context) }),
    ],
    context,
  );
}

/** What `doctor --send-test-mail` sends: proof that mails from this box reach the people who must act. */
export function testMail(now: Date, context: MailContext): AlertMail {
  const { say } = translatorFor(context.locale);
  return mail(
    subjectLine(context, say('email.test.subject')),
    [say('email.test.body', { time: when(now.toISOString(), context) })],
    context,
  );
}
