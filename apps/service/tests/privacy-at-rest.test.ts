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

test.run();
