import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A certificate for 127.0.0.1 made for this run, so TLS is checked for real (never switched off). */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/** Makes a one-day self-signed certificate for 127.0.0.1 with the machine's openssl. */
export function loopbackCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'bonrelay-smtp-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=bonrelay-test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

export interface ReceivedMail {
  readonly envelopeTo: readonly string[];
  readonly user?: string;
  /** Whether the mail came over TLS (implicit or STARTTLS). */
  readonly secure: boolean;
  readonly mail: ParsedMail;
}

export interface SmtpUnderTestOptions {
  /** `smtps`: TLS from the first byte; `starttls`: plain, upgraded when the client asks. */
  readonly tls: 'smtps' | 'starttls' | 'none';
  readonly certificate?: TestCertificate;
  /** When set, only this login is accepted. */
  readonly login?: { readonly user: string; readonly pass: string };
  /** Recipients the server refuses (as an unknown mailbox). */
  readonly refuse?: readonly string[];
  /** Port to listen on (0: any free one); a restart listens where the first one did. */
  readonly port?: number;
}

export interface SmtpUnderTest {
  readonly port: number;
  readonly received: readonly ReceivedMail[];
  /** Resolves once `count` mails have arrived (no sleeping). */
  waitFor(count: number): Promise<readonly ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives. */
export async function startSmtpUnderTest(options: SmtpUnderTestOptions): Promise<SmtpUnderTest> {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: options.tls === 'smtps',
    ...(options.tls === 'none' ? { disabledCommands: ['STARTTLS'], allowInsecureAuth: true } : {}),
    ...(options.certificate ? { key: options.certificate.key, cert: options.certificate.cert } : {}),
    authOptional: options.login === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      const { login } = options;
      if (login && auth.username === login.user && auth.password === login.pass)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) return callback(new Error('550 no such mailbox'));
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((to) => to.address),
            ...(typeof session.user === 'string' ? { user: session.user } : {}),
            secure: Boolean(session.secure),
            mail,
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => (received.length >= count ? resolve(received) : waiters.push(check));
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
