import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StreamVersionConflictError } from '../src/index.ts';
import { orderEvent, tempStore } from './support/temp-store.ts';

function conflictOf(work: () => unknown): StreamVersionConflictError {
  try {
    work();
  } catch (error) {
    if (error instanceof StreamVersionConflictError) return error;
    throw error;
  }
  throw new Error('expected a StreamVersionConflictError');
}

test('given a stream at version 2, when appended expecting 2, then it is accepted', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1'), orderEvent('e2')]);
  const result = store.append([orderEvent('e3')], { expectedVersion: 2 });
  assert.is(result.appended[0]?.streamVersion, 3);
  done();
});

test('given a stream at version 1, when appended expecting 0, then the conflict names stream, expected and actual and nothing is written', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1')]);
  const conflict = conflictOf(() =>
    store.append([orderEvent('e2'), orderEvent('e3')], { expectedVersion: 0 }),
  );
  assert.is(conflict.code, 'STREAM_VERSION_CONFLICT');
  assert.equal([conflict.stream, conflict.expected, conflict.actual], ['order-1', 0, 1]);
  assert.is(store.lastPosition(), 1);
  done();
});

test('given two streams, when one expected version in a record is stale, then the whole batch is refused', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1', 'order-1'), orderEvent('e2', 'print-job-1')]);
  const conflict = conflictOf(() =>
    store.append([orderEvent('e3', 'order-1'), orderEvent('e4', 'print-job-1')], {
      expectedVersion: { 'order-1': 1, 'print-job-1': 0 },
    }),
  );
  assert.is(conflict.stream, 'print-job-1');
  assert.equal(
    store.read().map((event) => event.id),
    ['e1', 'e2'],
  );
  const accepted = store.append([orderEvent('e3', 'order-1'), orderEvent('e4', 'print-job-2')], {
    expectedVersion: { 'order-1': 1, 'print-job-2': 0 },
  });
  assert.is(accepted.appended.length, 2);
  done();
});

test('given a record that leaves a stream out, then that stream is not checked', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1', 'order-1')]);
  const result = store.append([orderEvent('e2', 'order-1'), orderEvent('e3', 'printer-a')], {
    expectedVersion: { 'printer-a': 0 },
  });
  assert.is(result.appended.length, 2);
  done();
});

test('given a batch over two streams, when a single numeric expected version is passed, then it is refused as ambiguous', () => {
  const { store, done } = tempStore();
  assert.throws(
    () => store.append([orderEvent('e1', 'order-1'), orderEvent('e2', 'order-2')], { expectedVersion: 0 }),
    (error: unknown) => error instanceof RangeError,
  );
  assert.is(store.lastPosition(), 0);
  done();
});

test.run();
