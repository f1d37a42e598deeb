import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orderEvent, tempStore } from './support/temp-store.ts';

test('given a stored event, when the same id is appended again, then it is skipped and reported', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('order-received:1')]);
  const retry = store.append([orderEvent('order-received:1')]);
  assert.equal(retry, { appended: [], duplicates: ['order-received:1'], lastPosition: 1 });
  assert.is(store.read().length, 1);
  done();
});

test('given a batch mixing stored and new events, when appended, then only the new ones are written', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('webhook:a', 'webhook-a'), orderEvent('order-received:1')]);
  const result = store.append([
    orderEvent('webhook:b', 'webhook-b'),
    orderEvent('order-received:1'),
    orderEvent('order-approved:1'),
  ]);
  assert.equal(
    result.appended.map((event) => [event.id, event.position, event.streamVersion]),
    [
      ['webhook:b', 3, 1],
      ['order-approved:1', 4, 2],
    ],
  );
  assert.equal(result.duplicates, ['order-received:1']);
  done();
});

test('given one id twice in a batch, when appended, then it is stored once', () => {
  const { store, done } = tempStore();
  const result = store.append([orderEvent('e1'), orderEvent('e1')]);
  assert.is(result.appended.length, 1);
  assert.equal(result.duplicates, ['e1']);
  done();
});

test('given an acknowledged batch, when the delivery is retried with the same expected version, then it is a no-op, not a conflict', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1', 'order-9')], { expectedVersion: 0 });
  const retry = store.append([orderEvent('e1', 'order-9')], { expectedVersion: 0 });
  assert.equal(retry.duplicates, ['e1']);
  assert.is(retry.appended.length, 0);
  done();
});

test.run();
