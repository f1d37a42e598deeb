import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Upcaster } from '../src/index.ts';
import { tempStore } from './support/temp-store.ts';

/** v1 had `name`, v2 renamed it to `customer`, v3 split it into first/last. */
const orderPlaced: Upcaster = (data, fromVersion) => {
  const old = data as Record<string, string>;
  if (fromVersion === 1) return { data: { customer: old.name }, schemaVersion: 2 };
  if (fromVersion === 2) {
    const [first, last] = (old.customer ?? '').split(' ');
    return { data: { first, last }, schemaVersion: 3 };
  }
  return { data, schemaVersion: fromVersion };
};

test('given events written at old schema versions, when read, then they are lifted step by step to the newest', () => {
  const { store, file, done } = tempStore();
  store.append([
    { id: 'e1', stream: 'order-1', type: 'OrderPlaced', data: { name: 'Ada Lovelace' } },
    { id: 'e2', stream: 'order-2', type: 'OrderPlaced', data: { customer: 'Alan Turing' }, schemaVersion: 2 },
    {
      id: 'e3',
      stream: 'order-3',
      type: 'OrderPlaced',
      data: { first: 'Grace', last: 'Hopper' },
      schemaVersion: 3,
    },
    { id: 'e4', stream: 'service', type: 'constructor', data: 'untouched' },
  ]);
  store.close();
  const { store: upcasting, done: doneUpcasting } = tempStore({
    file,
    upcasters: { OrderPlaced: orderPlaced },
  });
  const events = upcasting.read();
  assert.equal(
    events.map((event) => [event.schemaVersion, event.data]),
    [
      [3, { first: 'Ada', last: 'Lovelace' }],
      [3, { first: 'Alan', last: 'Turing' }],
      [3, { first: 'Grace', last: 'Hopper' }],
      [1, 'untouched'],
    ],
  );
  assert.equal(upcasting.verify(), { ok: true, checked: 4 });
  doneUpcasting();
  done();
});

test('given an upcaster that never settles, when read, then it fails loudly instead of looping', () => {
  const { store, file, done } = tempStore();
  store.append([{ id: 'e1', stream: 's', type: 'Loop', data: 1 }]);
  store.close();
  const { store: looping, done: doneLooping } = tempStore({
    file,
    upcasters: { Loop: (data, fromVersion) => ({ data, schemaVersion: fromVersion + 1 }) },
  });
  assert.throws(() => looping.read(), /did not settle/);
  doneLooping();
  done();
});

test.run();
