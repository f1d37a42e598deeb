import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderCreatedDelivery, signWixWebhook, wixOrderFixtures } from '@bonrelay/wix-fake';

// Needles that random ciphertext (base64, hex) cannot spell by chance: long, with spaces or umlauts.
const lastName = 'Übelacker-Gastmann';
const phone = '+49 30 765 4321';
const note = 'Bitte zweimal klingeln, Hinterhof links';

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startTestService } from './support/test-service.ts';

function fileHolds(file: string, text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return [file, `${file}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(needle));
}

test('given the running service took real orders and printed them, the database file holds no guest text in plain form', async () => {
  const app = await startTestService();
  const fixture = wixOrderFixtures.unpaidCashOnDelivery;
  const order = {
    ...fixture,
    buyerNote: note,
    billingInfo: { ...fixture.billingInfo, contactDetails: { firstName: 'Anna', lastName, phone } },
  };
  const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
  assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
  await eventually('tickets printed', async () => {
    const status = await app.json<{ byState: { printed: number } }>('/offline/queue/status');
    return status.byState.printed >= 2;
  });
  const shown = await app.json<{ order: { customer: { lastName?: string } } }>(`/api/orders/${order.id}`);
  assert.is(shown.order.customer.lastName, lastName, 'the API shows the decrypted order');
  await app.stop();
  const file = join(app.dataDir, 'bonrelay.db');
  for (const secret of [lastName, phone, note]) {
    assert.not.ok(fileHolds(file, secret), `"${secret}" is in the database file`);
  }
});

test('given a signed order that could not be read, its raw body is sealed: the file holds neither the token nor the guest', async () => {
  const app = await startTestService();
  const fixture = wixOrderFixtures.unpaidCashOnDelivery;
  const { lineItems: _unreadable, ...order } = {
    ...fixture,
    id: crypto.randomUUID(),
    buyerNote: note,
    billingInfo: { ...fixture.billingInfo, contactDetails: { firstName: 'Anna', lastName, phone } },
  };
  const jwt = await signWixWebhook(orderCreatedDelivery(order as typeof fixture), app.keys.privateKey);
  assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
  const [recorded] = app.service.store.read({ types: ['OrderUnreadable'] });
  assert.is((recorded?.data as { body?: string } | undefined)?.body, jwt, 'the service reads the body back');
  const row = app.service.store.connection
    .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'OrderUnreadable'")
    .get();
  const stored = JSON.parse(row?.data ?? '{}') as { body?: string; sealed?: { fields: string[] } };
  assert.is(stored.body, undefined, 'no body in the clear');
  assert.equal(stored.sealed?.fields, ['body']);
  await app.stop();
  const file = join(app.dataDir, 'bonrelay.db');
  const [, claims = '', signature = ''] = jwt.split('.');
  for (const secret of [claims.slice(0, 80), signature.slice(0, 80), lastName, phone, note]) {
    assert.not.ok(fileHolds(file, secret), `"${secret}" is in the database file`);
  }
});

test.run();
