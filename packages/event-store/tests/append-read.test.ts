import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orderEvent, tempStore } from './support/temp-store.ts';

test('given an empty log, when a batch is appended, then positions and stream versions are assigned in order', () => {
  const { store, done } = tempStore();
  const result = store.append([
    orderEvent('e1', 'order-1'),
    orderEvent('e2', 'order-2'),
    { ...orderEvent('e3', 'order-1'), metadata: { correlationId: 'c-1', source: 'wix' }, schemaVersion: 2 },
  ]);
  assert.equal(
    result.appended.map((event) => [event.position, event.stream, event.streamVersion]),
    [
      [1, 'order-1', 1],
      [2, 'order-2', 1],
      [3, 'order-1', 2],
    ],
  );
  assert.is(result.lastPosition, 3);
  assert.equal(result.duplicates, []);
  assert.equal(result.appended[2]?.metadata, { correlationId: 'c-1', source: 'wix' });
  assert.is(result.appended[2]?.schemaVersion, 2);
  assert.is(result.appended[0]?.schemaVersion, 1);
  assert.is(result.appended[0]?.recordedAt, '2025-03-07T18:00:01.000Z'); // the open read 18:00:00
  assert.match(result.appended[0]?.hash ?? '', /^[0-9a-f]{64}$/);
  assert.is(store.lastPosition(), 3);
  done();
});

test('given appended events, when read back, then data is parsed and equal to what was appended', () => {
  const { store, done } = tempStore();
  const appended = store.append([
    orderEvent('e1', 'order-1', 'OrderReceived', { order: { id: '1', lines: [{ name: 'Pho', qty: 2 }] } }),
    { id: 'e2', stream: 'service', type: 'ServiceStarted', data: undefined },
  ]).appended;
  assert.equal(store.read(), appended);
  assert.is(store.read()[1]?.data, null);
  done();
});

test('given a mixed log, when read with filters, then only matching events come back by position', () => {
  const { store, done } = tempStore();
  store.append([
    orderEvent('e1', 'order-1', 'OrderReceived'),
    orderEvent('e2', 'printer-a', 'PrinterStatusChanged'),
  ]);
  store.append([orderEvent('e3', 'order-2', 'OrderReceived')]);
  store.append([orderEvent('e4', 'order-1', 'OrderCanceled')]);
  const ids = (events: { id: string }[]) => events.map((event) => event.id);
  assert.equal(ids(store.read({ after: 2 })), ['e3', 'e4']);
  assert.equal(ids(store.read({ limit: 2 })), ['e1', 'e2']);
  assert.equal(ids(store.read({ streams: ['order-1', 'order-2'] })), ['e1', 'e3', 'e4']);
  assert.equal(ids(store.read({ types: ['OrderReceived'] })), ['e1', 'e3']);
  assert.equal(ids(store.read({ types: [] })), []);
  assert.equal(ids(store.read({ from: '2025-03-07T18:00:02.000Z', to: '2025-03-07T18:00:03.000Z' })), ['e3']);
  assert.equal(ids(store.read({ from: '2025-03-07T18:00:02.000Z' })), ['e3', 'e4']);
  assert.equal(ids(store.readStream('order-1')), ['e1', 'e4']);
  assert.equal(
    store.readStream('order-1').map((event) => event.streamVersion),
    [1, 2],
  );
  done();
});

test('given many distinct filter shapes, when read, then every answer stays correct', () => {
  const { store, done } = tempStore();
  const streams = Array.from({ length: 80 }, (_, index) => `order-${index}`);
  store.append(streams.map((stream, index) => orderEvent(`e${index}`, stream)));
  for (let size = 1; size <= streams.length; size += 1) {
    assert.is(store.read({ streams: streams.slice(0, size) }).length, size);
  }
  done();
});

test('given an empty log, then its last position is 0', () => {
  const { store, done } = tempStore();
  assert.is(store.lastPosition(), 0);
  assert.equal(store.append([]), { appended: [], duplicates: [], lastPosition: 0 });
  done();
});

test.run();
