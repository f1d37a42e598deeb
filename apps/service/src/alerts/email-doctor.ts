import type { ConnectionOptions } from 'node:tls';
import { type Config, redactSmtpUrl } from '../config/index.ts';
import { mailContext, testMail } from './email-message.ts';
import { checkMailServer, sendMailNow } from './email-transport.ts';

/** One line of `doctor`'s report. */
export interface MailFinding {
  readonly verdict: 'ok' | 'warn' | 'FAIL';
  readonly check: string;
  readonly detail: string;
}

export interface MailDoctorOptions {
  /** `doctor --send-test-mail`: also send a mail to every recipient. */
  readonly sendTestMail: boolean;
  readonly now: Date;
  readonly tls?: ConnectionOptions;
}

/**
 * What `doctor` says about e-mail alerts: whether they are set up, whether the server answers and
 * takes the login, and on request whether a test mail gets through — before the night it matters.
 */
export async function mailDoctorFindings(config: Config, options: MailDoctorOptions): Promise<MailFinding[]> {
  const { email } = config.alerts;
  if (!email.smtpUrl) {
    const detail =
      'not set (BONRELAY_SMTP_URL, BONRELAY_ALERT_EMAILS): nobody is mailed when a printer is down';
    return [{ verdict: options.sendTestMail ? 'FAIL' : 'warn', check: 'e-mail alerts', detail }];
  }
  const server = { email, ...(options.tls ? { tls: options.tls } : {}) };
  const where = redactSmtpUrl(email.smtpUrl);
  const reached = await checkMailServer(server);
  if (!reached.ok) return [{ verdict: 'FAIL', check: 'e-mail alerts', detail: `${where}: ${reached.error}` }];
  const findings: MailFinding[] = [
    {
      verdict: 'ok',
      check: 'e-mail alerts',
      detail: `${where} answers and takes the login; to ${email.to.join(', ')}`,
    },
  ];
  if (!options.sendTestMail) return findings;
  const sent = await sendMailNow(server, testMail(options.now, mailContext(config)));
  if (!sent.ok) findings.push({ verdict: 'FAIL', check: 'test mail', detail: sent.error });
  else if (sent.refused.length > 0) {
    const taken = email.to.filter((address) => !sent.refused.includes(address));
    findings.push({
      verdict: 'FAIL',
      check: 'test mail',
      detail: `the server refused ${sent.refused.join(', ')}${taken.length > 0 ? `; sent to ${taken.join(', ')}` : ''}`,
    });
  } else findings.push({ verdict: 'ok', check: 'test mail', detail: `sent to ${email.to.join(', ')}` });
  return findings;
}
