import { z } from 'zod';

/** An SMTP server as nodemailer needs it, read from `alerts.email.smtpUrl`. */
export interface SmtpServer {
  /** `smtps://`: TLS from the first byte (port 465); `smtp://`: plain, upgraded by STARTTLS when offered. */
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly auth?: { readonly user: string; readonly pass: string };
}

/**
 * Reads an `smtp://` or `smtps://user:pass@host:port` URL, or undefined when it is not one. User
 * and password are URL-encoded in the URL (an `@` in a password is `%40`), so they are decoded here.
 */
export function parseSmtpUrl(text: string): SmtpServer | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return undefined;
  if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/') || url.search || url.hash)
    return undefined;
  const secure = url.protocol === 'smtps:';
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    return undefined;
  }
  return {
    secure,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    ...(user === '' ? {} : { auth: { user, pass } }),
  };
}

/** The URL with its password replaced, for logs, `describeConfig` and `doctor` (never print a password). */
export function redactSmtpUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password === '') return text;
    url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '***';
  }
}

const address = /^[^\s@<>,]+@[^\s@<>,]+$/;
const sender = z
  .string()
  .refine(
    (text) => address.test(text) || /^[^<>]*<[^\s@<>,]+@[^\s@<>,]+>$/.test(text.trim()),
    'must be an e-mail address, or "Name <address>"',
  );

/**
 * E-mail alerts: where the mail goes out and who gets it. Both halves or neither: a URL without
 * recipients (or the reverse) is a setup left half-way, and would stay silent on the night it matters.
 */
export const emailAlertsSchema = z
  .strictObject({
    smtpUrl: z
      .string()
      .refine(
        (text) => parseSmtpUrl(text) !== undefined,
        'must look like smtp://user:password@host:587 or smtps://user:password@host:465 (user and password URL-encoded)',
      )
      .optional(),
    to: z.array(z.string().regex(address, 'must be an e-mail address')).default([]),
    /** Defaults to the SMTP user when that is an address (most providers insist), else bonrelay@<smtp host>. */
    from: sender.optional(),
    /** Connecting, the server's greeting and each command's answer: an attempt gives up after this. */
    timeoutMs: z.number().int().min(1).max(86_400_000).default(30_000),
  })
  .superRefine((email, context) => {
    if (email.smtpUrl !== undefined && email.to.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'needed when alerts.email.smtpUrl is set: who gets the mails (BONRELAY_ALERT_EMAILS)',
      });
    if (email.smtpUrl === undefined && email.to.length > 0)
      context.addIssue({
        code: 'custom',
        path: ['smtpUrl'],
        message: 'needed to send to alerts.email.to: the server mails go out through (BONRELAY_SMTP_URL)',
      });
  });

/** The `From:` of every alert mail: as configured, or the default that SMTP servers most often accept. */
export function mailSender(email: z.infer<typeof emailAlertsSchema>): string {
  if (email.from) return email.from;
  const server = email.smtpUrl ? parseSmtpUrl(email.smtpUrl) : undefined;
  if (server?.auth && address.test(server.auth.user)) return `bonrelay <${server.auth.user}>`;
  return `bonrelay <bonrelay@${server?.host ?? 'localhost'}>`;
}
