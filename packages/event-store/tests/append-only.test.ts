import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orderEvent, tempStore } from './support/temp-store.ts';

test('given a stored event, when anyone updates it through the connection, then the database refuses', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1')]);
  assert.throws(
    () => store.connection.prepare("UPDATE events SET data = '{}' WHERE position = 1").run(),
    /events are append-only/,
  );
  assert.equal(store.read()[0]?.data, { id: 'e1' });
  done();
});

test('given a stored event, when anyone deletes it through the connection, then the database refuses', () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1')]);
  assert.throws(() => store.connection.prepare('DELETE FROM events').run(), /events are append-only/);
  assert.is(store.read().length, 1);
  done();
});

test.run();
