import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order } from '@bonrelay/domain';
import { importStoredRows, openEventStore, type StoredRow } from '@bonrelay/event-store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { erased, openPrivateEventStore, personalValues } from '../src/privacy/index.ts';
import { localOrder, receivedAndApproved, tempPrivateLog } from './privacy-support/private-log.ts';

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'maria@example.org',
});

/** Maria's orders, sealed in a log whose file (and keyring) is then lost: only its rows survive. */
function rowsOfALostFile(): { rows: StoredRow[]; masterKey: Buffer } {
  const log = tempPrivateLog();
  log.store.append(receivedAndApproved(maria));
  const rows = log.store.connection.prepare('SELECT * FROM events ORDER BY position').all() as StoredRow[];
  const { masterKey } = log;
  log.done();
  return { rows, masterKey };
}

/** The rows written back into a fresh log (as `restore --from-database` does), opened for reading. */
function restoredWith(rows: readonly StoredRow[], masterKey: Buffer) {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-restored-')), 'bonrelay.db');
  const fresh = openEventStore({ file });
  assert.ok(importStoredRows(fresh, rows).ok);
  fresh.close();
  return openPrivateEventStore({ file }, masterKey).store;
}

const ordersIn = (events: readonly { data: unknown }[]) =>
  events.map((event) => (event.data as { order: Order }).order);

const allErased = (order: Order) => Object.values(personalValues(order)).every((value) => value === erased);

test('given sealed orders restored without their keys, when read with a new master key, then the guest reads as erased and the order stays whole', () => {
  const { rows } = rowsOfALostFile();
  const store = restoredWith(rows, randomBytes(32));
  const orders = ordersIn(store.read());
  assert.is(orders.length, 2);
  for (const order of orders) {
    assert.ok(allErased(order), JSON.stringify(order));
    assert.is(order.customer?.firstName, erased);
    assert.equal(order.lineItems, maria.lineItems);
    assert.equal(order.totals, maria.totals);
  }
  store.close();
});

test('given the master key kept but the keyring lost, when the same guest orders again, then her new order reads in full and the old ones stay erased', () => {
  const { rows, masterKey } = rowsOfALostFile();
  const store = restoredWith(rows, masterKey);
  const again = { ...maria, id: 'local-2' };
  store.append(receivedAndApproved(again));
  const orders = ordersIn(store.read());
  assert.ok(allErased(orders[0]!) && allErased(orders[1]!), 'a new key under her pseudonym opens no old box');
  assert.equal(orders.slice(2), [again, again]);
  assert.equal(store.verify(), { ok: true, checked: 4 });
  store.close();
});

test.run();
