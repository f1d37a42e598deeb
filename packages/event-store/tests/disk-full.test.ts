import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFullError } from '../src/index.ts';
import { orderEvent, tempStore } from './support/temp-store.ts';

test('given a disk with no room left, when a batch is appended, then StoreFullError and nothing is written', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1')]);
  const pages = store.connection.pragma('page_count', { simple: true }) as number;
  store.connection.pragma(`max_page_count = ${pages}`);
  const big = 'x'.repeat(64 * 1024);
  const batch = [orderEvent('e2', 'order-1', 'OrderReceived', big), orderEvent('e3')];
  let caught: unknown;
  try {
    store.append(batch);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof StoreFullError, String(caught));
  assert.is((caught as StoreFullError).code, 'STORE_FULL');
  assert.is(store.lastPosition(), 1);

  store.connection.pragma('max_page_count = 1073741823');
  assert.is(store.append(batch).lastPosition, 3);
  assert.equal(store.verify(), { ok: true, checked: 3 });
  done();
});

test.run();
