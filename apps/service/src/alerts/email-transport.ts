import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import { type Config, mailSender, parseSmtpUrl } from '../config/index.ts';
import type { PendingNotice } from './alert-log.ts';
import type { AlertMailer } from './alert-types.ts';
import { type AlertMail, alertMail, type MailContext, mailContext } from './email-message.ts';
import type { PostOutcome } from './post-alert.ts';

type EmailConfig = Config['alerts']['email'];

/** How to reach the SMTP server; `tls` adds trust (a test's self-signed certificate), never removes it. */
export interface MailServerOptions {
  readonly email: EmailConfig;
  readonly tls?: ConnectionOptions;
}

/** A connection that cannot be set up: SMTP is not configured. */
export class MailNotConfiguredError extends Error {
  override readonly name = 'MailNotConfiguredError';
}

/**
 * The nodemailer transport for the configured server: implicit TLS for `smtps://`, STARTTLS
 * whenever a `smtp://` server offers it (nodemailer's default), certificates checked, and every
 * wait bounded by `alerts.email.timeoutMs`.
 */
function smtpTransport(options: MailServerOptions) {
  const server = options.email.smtpUrl ? parseSmtpUrl(options.email.smtpUrl) : undefined;
  if (!server) throw new MailNotConfiguredError('no SMTP server configured (BONRELAY_SMTP_URL)');
  const timeoutMs = options.email.timeoutMs;
  return nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.auth ? { auth: { user: server.auth.user, pass: server.auth.pass } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(options.tls ? { tls: options.tls } : {}),
  });
}

/** The error as the log keeps it: short, with nodemailer's code, and never the password. */
function failure(error: unknown, email: EmailConfig): PostOutcome {
  const { code, message } = error as { code?: string; message?: string };
  const password = email.smtpUrl ? parseSmtpUrl(email.smtpUrl)?.auth?.pass : undefined;
  let text = `${code ? `${code}: ` : ''}${message ?? String(error)}`.replace(/\s+/g, ' ').trim();
  if (password) text = text.split(password).join('***');
  return { ok: false, error: text.slice(0, 300) };
}

/** What the server did with one mail: taken (for all but `refused`), or why not. */
type Handed = PostOutcome & { readonly refused: readonly string[] };

/**
 * One mail to every configured recipient, as a typed outcome (never a throw). Taken as soon as the
 * server accepted it for someone: a retry would mail the others twice, and an address the server
 * refuses is a setup mistake `doctor --send-test-mail` shows.
 */
async function send(
  transport: ReturnType<typeof smtpTransport>,
  email: EmailConfig,
  mail: AlertMail,
): Promise<Handed> {
  try {
    const info = await transport.sendMail({
      from: mailSender(email),
      to: email.to.join(', '),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return { ok: true, refused: (info.rejected ?? []).map(String) };
  } catch (error) {
    return { ...failure(error, email), refused: [] };
  }
}

/**
 * The e-mail channel of the alerts: each notice as a phone-sized mail. A connection per mail, as
 * alerts are rare and a kept connection would only time out in between.
 */
export function createAlertMailer(
  options: MailServerOptions & { readonly context: MailContext },
): AlertMailer {
  const transport = smtpTransport(options);
  return {
    send: async (notice: PendingNotice) => {
      const handed = await send(transport, options.email, alertMail(notice, options.context));
      return handed.ok ? { ok: true } : { ok: false, error: handed.error };
    },
    close: () => transport.close(),
  };
}

/**
 * What `doctor` reports: the server answered, TLS and the login were accepted (nodemailer's verify
 * runs the whole handshake, without sending anything).
 */
export async function checkMailServer(options: MailServerOptions): Promise<PostOutcome> {
  const transport = smtpTransport(options);
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return failure(error, options.email);
  } finally {
    transport.close();
  }
}

/** Sends one mail outside the alerts (the doctor's test mail); `refused` names recipients the server would not take. */
export async function sendMailNow(options: MailServerOptions, mail: AlertMail): Promise<Handed> {
  const transport = smtpTransport(options);
  try {
    return await send(transport, options.email, mail);
  } finally {
    transport.close();
  }
}

/** The e-mail channel the service runs with, or none when `alerts.email` is not set up. */
export function alertMailerFor(config: Config): AlertMailer | undefined {
  if (!config.alerts.email.smtpUrl) return undefined;
  return createAlertMailer({
    email: config.alerts.email,
    context: mailContext(config),
  });
}
