import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from './cli-scenario.ts';
import { startSmtpUnderTest } from './support/smtp-under-test.ts';

const login = { user: 'alerts@trattoria.example', pass: 'hunter22-secret' };

/** A loopback port nothing listens on (the internet probe refuses at once: a warning, not a failure). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function environment(smtpUrl?: string): Promise<Record<string, string>> {
  return {
    BONRELAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'bonrelay-doctor-mail-')),
    BONRELAY_INTERNET_PROBES: `127.0.0.1:${await closedPort()}`,
    BONRELAY_LOG_LEVEL: 'silent',
    ...(smtpUrl
      ? {
          BONRELAY_SMTP_URL: smtpUrl,
          BONRELAY_ALERT_EMAILS: 'manager@trattoria.example,owner@trattoria.example',
        }
      : {}),
  };
}
const url = (port: number, pass = login.pass) =>
  `smtp://${encodeURIComponent(login.user)}:${pass}@127.0.0.1:${port}`;

test('given a reachable SMTP server, when `doctor` checks, then it says the server takes the login, without the password', async () => {
  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const { code, out } = await cli(['doctor'], await environment(url(smtp.port)));
  assert.is(code, 0, out);
  assert.match(
    out,
    `[ok  ] e-mail alerts      smtp://alerts%40trattoria.example:***@127.0.0.1:${smtp.port} answers and takes the login; to manager@trattoria.example, owner@trattoria.example`,
  );
  assert.not.match(out, /hunter22/);
  assert.is(smtp.received.length, 0, 'a check sends nothing');
  await smtp.close();
});

test('given `doctor --send-test-mail`, then every recipient gets a test mail', async () => {
  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const { code, out } = await cli(['doctor', '--send-test-mail'], await environment(url(smtp.port)));
  assert.is(code, 0, out);
  assert.match(out, '[ok  ] test mail          sent to manager@trattoria.example, owner@trattoria.example');
  const [mail] = await smtp.waitFor(1);
  assert.equal(mail?.envelopeTo, ['manager@trattoria.example', 'owner@trattoria.example']);
  assert.is(mail?.mail.subject, '[Our Restaurant] Test mail: e-mail alerts work');
  await smtp.close();
});

test('given a recipient the server refuses, then the test mail fails naming it, and reaches the others', async () => {
  const smtp = await startSmtpUnderTest({ tls: 'none', login, refuse: ['owner@trattoria.example'] });
  const { code, out } = await cli(['doctor', '--send-test-mail'], await environment(url(smtp.port)));
  assert.is(code, 1, out);
  assert.match(
    out,
    '[FAIL] test mail          the server refused owner@trattoria.example; sent to manager@trattoria.example',
  );
  const [mail] = await smtp.waitFor(1);
  assert.equal(mail?.envelopeTo, ['manager@trattoria.example']);
  await smtp.close();
});

test('given the SMTP server down or the login wrong, then `doctor` fails naming the server and the reason', async () => {
  const down = await cli(['doctor'], await environment(url(await closedPort())));
  assert.is(down.code, 1);
  assert.match(
    down.out,
    /\[FAIL\] e-mail alerts {6}smtp:\/\/alerts%40trattoria\.example:\*\*\*@127\.0\.0\.1:\d+: ESOCKET: .*ECONNREFUSED/,
  );
  assert.match(down.out, /\n1 problem to fix\n$/);

  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const refused = await cli(
    ['doctor', '--send-test-mail'],
    await environment(url(smtp.port, 'wrong-hunter99')),
  );
  assert.is(refused.code, 1);
  assert.match(refused.out, /\[FAIL\] e-mail alerts .*EAUTH/);
  assert.not.match(refused.out, /hunter99/);
  assert.not.match(refused.out, /test mail/, 'no test mail through a server that refused the login');
  assert.is(smtp.received.length, 0);
  await smtp.close();
});

test('given no e-mail set up, then `doctor` warns, and `--send-test-mail` fails', async () => {
  const check = await cli(['doctor'], await environment());
  assert.match(check.out, /\[warn\] e-mail alerts {6}not set \(BONRELAY_SMTP_URL, BONRELAY_ALERT_EMAILS\)/);
  const send = await cli(['doctor', '--send-test-mail'], await environment());
  assert.is(send.code, 1);
  assert.match(send.out, /\[FAIL\] e-mail alerts/);
});

test('given two things broken, when `doctor` sums up, then it counts them in real plurals, in the words of `locale`', async () => {
  const broken = {
    ...(await environment(url(await closedPort()))),
    BONRELAY_PRINTER_URL: `tcp://127.0.0.1:${await closedPort()}`,
  };
  const english = await cli(['doctor'], broken);
  assert.is(english.code, 1, english.out);
  assert.match(english.out, /\n2 problems to fix\n$/);
  const german = await cli(['doctor'], { ...broken, BONRELAY_LOCALE: 'de-DE' });
  assert.is(german.code, 1, german.out);
  assert.match(german.out, /\n2 Probleme zu beheben\n$/);
});

test('given BONRELAY_LOCALE=de-DE, when `doctor --send-test-mail` sends, then the test mail is German', async () => {
  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const { code, out } = await cli(['doctor', '--send-test-mail'], {
    ...(await environment(url(smtp.port))),
    BONRELAY_LOCALE: 'de-DE',
  });
  assert.is(code, 0, out);
  assert.match(out, /\nalles in Ordnung\n$/);
  const [mail] = await smtp.waitFor(1);
  assert.is(mail?.mail.subject, '[Our Restaurant] Testmail: E-Mail-Alarme funktionieren');
  assert.match(String(mail?.mail.text), /^Dies ist ein Test von bonrelay doctor, gesendet \S+, \d+\. /);
  await smtp.close();
});

test.run();
