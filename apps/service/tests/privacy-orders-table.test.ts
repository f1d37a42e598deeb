import { personalValues } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { createViewSealer, guestPersonalData } from '../src/privacy/index.ts';
import { startViews } from '../src/projections/bonrelay-views.ts';
import { localOrder, tempPrivateLog } from './privacy-support/private-log.ts';

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'maria.s@example.org',
});
const values = personalValues(maria);

function sealers() {
  const log = tempPrivateLog();
  const customerId = log.keyring!.customerIdOf(maria);
  log.keyring!.dataKeyFor(customerId);
  const personalData = guestPersonalData(log.keyring!, createViewSealer(log.masterKey));
  return { log, customerId, personalData };
}

test('given the guest key, her fields are stored as ciphertext that opens only on her own order row', () => {
  const { log, customerId, personalData } = sealers();
  const stored = personalData.seal(values, { orderId: 'local-1', customerId });
  for (const secret of ['Schmidtke', '4445566', 'maria.s@example.org', 'scharf'])
    assert.not.ok(stored.includes(secret), secret);
  assert.equal(personalData.open(stored, { orderId: 'local-1', customerId }), values);
  const moved = personalData.open(stored, { orderId: 'local-2', customerId });
  assert.ok(
    Object.values(moved).every((value) => value === '[erased]'),
    'a box copied to another row',
  );
  log.done();
});

test('given her key is destroyed, then old boxes read [erased] and new writes keep only the field names', () => {
  const { log, customerId, personalData } = sealers();
  const stored = personalData.seal(values, { orderId: 'local-1', customerId });
  log.keyring!.forget(customerId);
  const guest = { orderId: 'local-1', customerId };
  assert.equal(Object.keys(personalData.open(stored, guest)), Object.keys(values));
  assert.ok(Object.values(personalData.open(stored, guest)).every((value) => value === '[erased]'));
  assert.equal(JSON.parse(personalData.seal(values, guest)), { fields: Object.keys(values) });
  log.done();
});

test('given an order logged before encryption (no guest), then its fields are sealed with the site key and read back', () => {
  const { log, personalData } = sealers();
  const stored = personalData.seal(values, { orderId: 'legacy-1' });
  assert.not.ok(stored.includes('Schmidtke'));
  assert.equal(personalData.open(stored, { orderId: 'legacy-1' }), values);
  log.done();
});

test('given views kept as snapshot rows by an older version, when the views start, then those rows are gone', () => {
  const log = tempPrivateLog();
  const db = log.store.connection;
  db.exec(`
    CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL);
    CREATE TABLE projection_rows (view TEXT NOT NULL, path TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (view, path));
    INSERT INTO projection_checkpoints VALUES ('orders', 2001, 0);
    INSERT INTO projection_rows VALUES ('orders', 'orders/0', '{"customer":"Maria"}');
  `);
  const views = startViews(log.store, loadConfig({}));
  views.stop();
  const left = db
    .prepare("SELECT name FROM sqlite_master WHERE name IN ('projection_rows', 'projection_checkpoints')")
    .all();
  assert.equal(left, []);
  log.done();
});

test.run();
