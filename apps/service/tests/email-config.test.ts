import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, describeConfig, loadConfig, mailSender, parseSmtpUrl } from '../src/config/index.ts';

function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    assert.instance(error, ConfigError);
    return [...(error as ConfigError).problems];
  }
  assert.unreachable('the config should have been rejected');
  return [];
}

test('given the two variables, then mails go through that server to every listed address', () => {
  const config = loadConfig({
    BONRELAY_SMTP_URL: 'smtp://alerts%40trattoria.example:p%40ss%3Aword@mail.trattoria.example:2525',
    BONRELAY_ALERT_EMAILS: ' manager@trattoria.example, owner@trattoria.example ,',
  });
  assert.equal(config.alerts.email.to, ['manager@trattoria.example', 'owner@trattoria.example']);
  assert.equal(parseSmtpUrl(config.alerts.email.smtpUrl ?? ''), {
    secure: false,
    host: 'mail.trattoria.example',
    port: 2525,
    auth: { user: 'alerts@trattoria.example', pass: 'p@ss:word' },
  });
  assert.is(
    mailSender(config.alerts.email),
    'bonrelay <alerts@trattoria.example>',
    'the SMTP login, as providers insist',
  );
});

test('given smtps:// without a port or a login, then TLS on 465 and a sender at the server', () => {
  const config = loadConfig({ BONRELAY_SMTP_URL: 'smtps://relay.lan', BONRELAY_ALERT_EMAILS: 'a@b.example' });
  assert.equal(parseSmtpUrl(config.alerts.email.smtpUrl ?? ''), {
    secure: true,
    host: 'relay.lan',
    port: 465,
  });
  assert.is(mailSender(config.alerts.email), 'bonrelay <bonrelay@relay.lan>');
  const named = loadConfig({
    BONRELAY_SMTP_URL: 'smtp://relay.lan',
    BONRELAY_ALERT_EMAILS: 'a@b.example',
    BONRELAY_ALERT_EMAIL_FROM: 'Trattoria <till@trattoria.example>',
  });
  assert.is(mailSender(named.alerts.email), 'Trattoria <till@trattoria.example>');
  assert.is(loadConfig({}).alerts.email.smtpUrl, undefined, 'no e-mail unless asked for');
});

test('given a URL that is not SMTP, then the start stops naming the key and the variable, never the password', () => {
  for (const url of [
    'https://user:hunter22@mail.example',
    'smtp://user:hunter22@',
    'smtp://user:hunter22@host/path',
  ]) {
    const problems = problemsOf({ BONRELAY_SMTP_URL: url, BONRELAY_ALERT_EMAILS: 'a@b.example' });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^alerts\.email\.smtpUrl \(from BONRELAY_SMTP_URL\): must look like smtp:\/\//,
    );
    assert.not.match(problems.join('\n'), /hunter22/);
  }
});

test('given a bad address in the list, then the start stops naming which one', () => {
  assert.equal(
    problemsOf({ BONRELAY_SMTP_URL: 'smtp://relay.lan', BONRELAY_ALERT_EMAILS: 'a@b.example,owner' }),
    ['alerts.email.to.1 (from BONRELAY_ALERT_EMAILS): must be an e-mail address'],
  );
  assert.match(
    problemsOf({
      BONRELAY_SMTP_URL: 'smtp://relay.lan',
      BONRELAY_ALERT_EMAILS: 'a@b.example',
      BONRELAY_ALERT_EMAIL_FROM: 'till',
    })[0] ?? '',
    /^alerts\.email\.from \(from BONRELAY_ALERT_EMAIL_FROM\): must be an e-mail address/,
  );
});

test('given only half of the setup, then the start stops naming the half that is missing', () => {
  assert.equal(problemsOf({ BONRELAY_SMTP_URL: 'smtp://relay.lan' }), [
    'alerts.email.to: needed when alerts.email.smtpUrl is set: who gets the mails (BONRELAY_ALERT_EMAILS)',
  ]);
  assert.equal(problemsOf({ BONRELAY_ALERT_EMAILS: 'a@b.example' }), [
    'alerts.email.smtpUrl: needed to send to alerts.email.to: the server mails go out through (BONRELAY_SMTP_URL)',
  ]);
});

test('given a password in the URL, then the described config shows the server but not the password', () => {
  const config = loadConfig({
    BONRELAY_SMTP_URL: 'smtps://alerts:hunter22@mail.example:465',
    BONRELAY_ALERT_EMAILS: 'a@b.example',
  });
  const text = JSON.stringify(describeConfig(config));
  assert.not.match(text, /hunter22/);
  assert.match(text, /smtps:\/\/alerts:\*\*\*@mail\.example:465/);
});

test.run();
