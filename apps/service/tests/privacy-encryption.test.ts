import type { Order } from '@bonrelay/domain';
import { firstValueFrom, take, toArray } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { personalValues } from '../src/privacy/index.ts';
import {
  fileHolds,
  localOrder,
  receivedAndApproved,
  tempPrivateLog,
  wixOrders,
} from './privacy-support/private-log.ts';

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'Maria.S@example.org',
});

const ordersIn = (events: readonly { data: unknown }[]) =>
  events.map((event) => (event.data as { order: Order }).order);

test('given Wix and local orders, when appended, then every read path gives them back exactly', async () => {
  const log = tempPrivateLog();
  const orders = [...wixOrders(), maria];
  const result = log.store.append(orders.flatMap(receivedAndApproved));
  const expected = orders.flatMap((order) => [order, order]);
  assert.equal(ordersIn(result.appended), expected);
  assert.equal(ordersIn(log.store.read()), expected);
  assert.equal(ordersIn(log.store.readStream('order-local-1')), [maria, maria]);
  const live = await firstValueFrom(log.store.live().pipe(take(expected.length), toArray()));
  assert.equal(ordersIn(live), expected);
  log.done();
});

test('given orders in the log, when the file is reopened, then they read the same (the key is on disk, not in memory)', () => {
  const log = tempPrivateLog();
  log.store.append(receivedAndApproved(maria));
  log.store.close();
  const again = log.reopen();
  assert.equal(ordersIn(again.store.read()), [maria, maria]);
  again.store.close();
  log.done();
});

test('given orders appended, when the raw SQLite file and WAL are searched, then no name, phone, email, address or note is there', () => {
  const log = tempPrivateLog();
  const orders = [...wixOrders(), maria];
  log.store.append(orders.flatMap(receivedAndApproved));
  const secrets = new Set(orders.flatMap((order) => Object.values(personalValues(order)) as string[]));
  for (const expected of [
    'Maria',
    'Schmidtke',
    '+49 171 4445566',
    'Maria.S@example.org',
    'Schmidtkeweg 12',
  ]) {
    assert.ok(secrets.has(expected), `fixture holds ${expected}`);
  }
  for (const wix of [
    'Anna',
    'Gast',
    '+49 30 1234567',
    'guest10001@example.com',
    'Torstraße 42',
    '3. Stock, bitte klingeln',
    'Nussallergie! / nut allergy',
    'Nguyễn',
  ]) {
    assert.ok(secrets.has(wix), `Wix fixtures hold ${wix}`);
  }
  // Short names could be spelled by chance in the ciphertext's base64; long values cannot.
  const checked = [...secrets].filter((secret) => secret.length >= 8);
  assert.ok(checked.length >= 10, `enough long personal values to check (${checked.length})`);
  const leaked = checked.filter((secret) => fileHolds(log.file, secret));
  assert.equal(leaked, []);
  assert.ok(fileHolds(log.file, 'Pizza Margherita'), 'what the kitchen cooks stays in the clear');
  log.done();
});

test('given sealed orders, when the log is verified, then the hash chain over the stored form holds', () => {
  const log = tempPrivateLog();
  log.store.append([...wixOrders(), maria].flatMap(receivedAndApproved));
  assert.equal(log.store.verify(), { ok: true, checked: 18 });
  log.done();
});

test('given sealed orders, when read, then each order event names its guest by pseudonym only', () => {
  const log = tempPrivateLog();
  const anna = localOrder('local-2', { name: 'Anna Gast', phone: '+49 30 1234567' });
  log.store.append([...receivedAndApproved(maria), ...receivedAndApproved(anna)]);
  const ids = log.store.read().map((event) => (event.data as { customerId: string }).customerId);
  assert.equal(ids[0], ids[1]);
  assert.is.not(ids[0], ids[2]);
  assert.match(ids[0] ?? '', /^cust-[0-9a-f]{40}$/);
  assert.is(ids[0], log.keyring?.customerIdForQuery(' maria.s@EXAMPLE.org '));
  assert.is(ids[2], log.keyring?.customerIdForQuery('+49 (30) 123-4567'));
  log.done();
});

test('given events other than orders, when appended, then they are stored as they are', () => {
  const log = tempPrivateLog();
  log.store.append([
    { id: 's1', stream: 'service', type: 'ServiceStopped', data: { reason: 'closing time' } },
  ]);
  assert.ok(fileHolds(log.file, 'closing time'));
  assert.equal(log.store.read()[0]?.data, { reason: 'closing time' });
  log.done();
});

test('given an order without any guest details, when appended, then nothing is sealed and no key is made', () => {
  const log = tempPrivateLog();
  const { note: _, ...rest } = maria;
  const anonymous: Order = {
    ...rest,
    id: 'local-3',
    customer: {},
    fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
  };
  log.store.append(receivedAndApproved(anonymous));
  assert.equal(ordersIn(log.store.read()), [anonymous, anonymous]);
  const keys = log.store.connection
    .prepare("SELECT COUNT(*) FROM customer_keys WHERE customer_id LIKE 'cust-%'")
    .pluck()
    .get();
  assert.is(keys, 0);
  log.done();
});

test.run();
