import type { PendingNotice } from './alert-log.ts';
import type { DailySummary } from './daily-summary.ts';
import { mailTexts } from './email-texts.ts';

/** One mail: a subject, the plain text, and the same as simple HTML. */
export interface AlertMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Where a mail is from, in the restaurant's words and time. */
export interface MailContext {
  readonly restaurant: string;
  readonly timeZone: string;
}

/** Outages listed one per line, at most this many, so the mail stays one screen on a phone. */
const listedComponents = 4;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function when(iso: string, context: MailContext): string {
  return new Intl.DateTimeFormat(mailTexts.locale, {
    timeZone: context.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function dayName(day: string): string {
  return new Intl.DateTimeFormat(mailTexts.locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
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

/** Paragraphs as text and as HTML alike, so both parts always say the same. */
function mail(subject: string, paragraphs: readonly string[], context: MailContext): AlertMail {
  const lines = [...paragraphs.filter((line) => line !== ''), `— ${mailTexts.signature(context.restaurant)}`];
  return {
    subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:16px">${lines
      .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
  };
}

function summaryMail(summary: DailySummary, context: MailContext): AlertMail {
  const texts = mailTexts.summary;
  const day = dayName(summary.businessDay);
  const rows: [string, string][] = [
    [texts.orders, String(summary.orders)],
    [texts.outages, String(summary.outages)],
    [texts.minutesOffline, String(summary.minutesOffline)],
    [texts.reprinted, String(summary.ticketsReprinted)],
  ];
  const shown = summary.offline.slice(0, listedComponents);
  const details = shown.map(({ component, outages, minutes }) =>
    texts.componentLine(texts.component(component), outages, minutes),
  );
  if (summary.offline.length > shown.length) details.push(texts.more(summary.offline.length - shown.length));
  const signature = `— ${mailTexts.signature(context.restaurant)}`;
  const text = [
    texts.heading(day),
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...details.map((line) => `  ${line}`),
    signature,
  ];
  const table = rows
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(label)}</td><td style="text-align:right"><b>${escapeHtml(value)}</b></td></tr>`,
    )
    .join('');
  return {
    subject: subjectLine(context, texts.subject(day, summary)),
    text: `${text.join('\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:16px"><p style="margin:0 0 8px"><b>${escapeHtml(
      texts.heading(day),
    )}</b></p><table>${table}</table>${details
      .map((line) => `<p style="margin:4px 0;color:#555">${escapeHtml(line)}</p>`)
      .join('')}<p style="margin:8px 0 0">${escapeHtml(signature)}</p></body></html>`,
  };
}

/**
 * The mail for one notice: the subject says restaurant, printer (or order) and what is wrong, so
 * a phone's notification alone tells the manager whether to act; the body adds what to do.
 */
export function alertMail(notice: PendingNotice, context: MailContext): AlertMail {
  const { alert } = notice;
  if (alert.kind === 'daily-summary' && alert.summary) return summaryMail(alert.summary, context);
  const subject = subjectLine(context, mailTexts.subject[alert.kind][notice.notice](alert.subject));
  if (notice.notice === 'cleared') {
    return mail(
      subject,
      [
        mailTexts.resolved(localTimes(alert.message, context)),
        mailTexts.resolvedAt(when(alert.raisedAt, context), when(notice.at, context)),
      ],
      context,
    );
  }
  return mail(
    subject,
    [
      localTimes(alert.message, context),
      mailTexts.hint[alert.kind],
      mailTexts.raisedAt(when(alert.raisedAt, context)),
    ],
    context,
  );
}

/** What `doctor --send-test-mail` sends: proof that mails from this box reach the people who must act. */
export function testMail(now: Date, context: MailContext): AlertMail {
  return mail(
    subjectLine(context, mailTexts.test.subject),
    [mailTexts.test.body(when(now.toISOString(), context))],
    context,
  );
}
