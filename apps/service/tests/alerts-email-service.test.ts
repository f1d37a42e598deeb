import { eventToAppend } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSmtpUnderTest } from './support/smtp-under-test.ts';
import { eventually, startTestService } from './support/test-service.ts';

test('given the service started with BONRELAY_SMTP_URL, when the catch-up records a webhook delivery gap, then the manager gets one mail and the log says it was delivered', async () => {
  const login = { user: 'alerts@trattoria.example', pass: 'hunter22-secret' };
  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const app = await startTestService({
    env: {
      BONRELAY_SMTP_URL: `smtp://${encodeURIComponent(login.user)}:${login.pass}@127.0.0.1:${smtp.port}`,
      BONRELAY_ALERT_EMAILS: 'manager@trattoria.example',
    },
    config: { tickets: { restaurant: { name: 'Trattoria Roma' } } },
  });
  const gap = {
    orders: 1,
    oldestOrderId: 'wix-1001',
    oldestUpdatedAt: new Date().toISOString(),
    detectedAt: new Date().toISOString(),
  };
  app.service.store.append([eventToAppend('WebhookDeliveryGap', 'reconciliation', 'gap-1', gap)]);
  app.service.store.append([
    eventToAppend('WebhookDeliveryGap', 'reconciliation', 'gap-2', { ...gap, orders: 3 }),
  ]);

  const [mail] = await smtp.waitFor(1);
  await eventually('the delivery to be recorded', () =>
    app.service.store
      .read({ types: ['AlertDelivered'] })
      .some((event) => (event.data as { channel?: string }).channel === 'email'),
  );
  assert.is(mail?.mail.subject, '[Trattoria Roma] Wix cannot reach this box');
  assert.equal(mail?.envelopeTo, ['manager@trattoria.example']);
  assert.is(smtp.received.length, 1, 'one mail for the gap, however many passes find it');
  await app.stop();
  await smtp.close();
});

test('given alerts.locale de-DE in the config, when a webhook delivery gap is recorded, then the mail the service sends is German', async () => {
  const smtp = await startSmtpUnderTest({ tls: 'none' });
  const app = await startTestService({
    env: {
      BONRELAY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      BONRELAY_ALERT_EMAILS: 'inhaber@trattoria.example',
    },
    config: { tickets: { restaurant: { name: 'Trattoria Roma' } }, alerts: { locale: 'de-DE' } },
  });
  const now = new Date().toISOString();
  app.service.store.append([
    eventToAppend('WebhookDeliveryGap', 'reconciliation', 'gap-1', {
      orders: 2,
      oldestOrderId: 'wix-1001',
      oldestUpdatedAt: now,
      detectedAt: now,
    }),
  ]);

  const [mail] = await smtp.waitFor(1);
  assert.is(mail?.mail.subject, '[Trattoria Roma] Wix erreicht diese Box nicht');
  const [message, raised, signature] = String(mail?.mail.text).trimEnd().split('\n');
  assert.match(
    String(message),
    /^Wix erreicht diese Box nicht: 2 Bestellungen kamen nur über den minütlichen Abruf/,
  );
  assert.match(String(raised), /^Gemeldet [A-Z][a-z]\., \d+\. [A-Z][a-zä]+\.?, \d\d:\d\d\.$/);
  assert.is(signature, '— bonrelay bei Trattoria Roma');
  await app.stop();
  await smtp.close();
});

test.run();
