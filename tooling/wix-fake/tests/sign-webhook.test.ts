import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  orderCreatedDelivery,
  signHs256WithPublicKeyAsSecret,
  signWithAlgNone,
  signWixWebhook,
  wixOrderFixtures,
} from '../src/index.ts';

const keys = await generateWixKeyPair();

test('a created delivery is an RS256 JWT whose three layers carry the order as a JSON string', async () => {
  const delivery = orderCreatedDelivery(wixOrderFixtures.pickup, { webhookId: 'hook-1' });
  const body = await signWixWebhook(delivery, keys.privateKey, { now: new Date() });

  const { payload } = await jwtVerify(body, await importSPKI(keys.publicKeyPem, 'RS256'));
  const layer2 = JSON.parse(payload.data as string);
  const layer3 = JSON.parse(layer2.data);
  assert.is(layer2.eventType, 'wix.ecom.v1.order_created');
  assert.equal(JSON.parse(layer2.identity), { identityType: 'APP', appId: delivery.appId });
  assert.is(layer3.id, 'hook-1');
  assert.is(layer3.entityId, wixOrderFixtures.pickup.id);
  assert.equal(JSON.parse(layer3.createdEvent.entityAsJson), wixOrderFixtures.pickup);
});

test('the object encoding puts the order under actionEvent.body.order', async () => {
  const delivery = orderApprovedDelivery(wixOrderFixtures.delivery);
  const body = await signWixWebhook(delivery, keys.privateKeyPem, { encoding: 'object' });

  const { payload } = await jwtVerify(body, await importSPKI(keys.publicKeyPem, 'RS256'));
  const layer3 = JSON.parse(JSON.parse(payload.data as string).data);
  assert.is(layer3.actionEvent.body.order.status, 'APPROVED');
});

test('forgeries carry the algorithm they claim', () => {
  const delivery = orderCreatedDelivery(wixOrderFixtures.pickup);
  assert.is(decodeProtectedHeader(signWithAlgNone(delivery)).alg, 'none');
  assert.is(decodeProtectedHeader(signHs256WithPublicKeyAsSecret(delivery, keys.publicKeyPem)).alg, 'HS256');
});

test('made orders never share an id or a number', () => {
  const a = makeWixOrder();
  const b = makeWixOrder();
  assert.is.not(a.id, b.id);
  assert.is.not(a.number, b.number);
});

test.run();
