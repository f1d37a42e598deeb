import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importStoredRows, type StoredRow } from '../src/index.ts';
import { orderEvent, tempStore } from './support/temp-store.ts';

/** A log of `count` events across three streams, and its rows exactly as SQLite stored them. */
function writtenLog(count: number, idPrefix = 'e') {
  const original = tempStore();
  original.store.append(
    Array.from({ length: count }, (_, index) => orderEvent(`${idPrefix}${index + 1}`, `order-${index % 3}`)),
  );
  const rows = original.store.connection
    .prepare('SELECT * FROM events ORDER BY position')
    .all() as StoredRow[];
  original.done();
  return rows;
}

const storedRows = (fixture: ReturnType<typeof tempStore>) =>
  fixture.store.connection.prepare('SELECT * FROM events ORDER BY position').all() as StoredRow[];

test('given rows another copy kept, when imported in batches into a fresh log, then it holds them verbatim and verifies', () => {
  const rows = writtenLog(25);
  const fresh = tempStore();
  assert.equal(importStoredRows(fresh.store, rows.slice(0, 10)), {
    ok: true,
    imported: 10,
    lastPosition: 10,
  });
  assert.equal(importStoredRows(fresh.store, rows.slice(10)), { ok: true, imported: 15, lastPosition: 25 });
  assert.equal(storedRows(fresh), rows);
  assert.equal(fresh.store.verify(), { ok: true, checked: 25 });
  assert.is(fresh.store.lastPosition(), 25);
  fresh.done();
});

test('given an imported log, when the store appends next, then the new event continues the positions and the chain', () => {
  const rows = writtenLog(4);
  const fresh = tempStore();
  importStoredRows(fresh.store, rows);
  const { appended } = fresh.store.append([orderEvent('e5', 'order-0')]);
  assert.is(appended[0]?.position, 5);
  assert.is(appended[0]?.streamVersion, 3, 'the stream goes on from the imported versions');
  assert.equal(fresh.store.verify(), { ok: true, checked: 5 });
  fresh.done();
});

test('given a batch that skips a position, when imported, then nothing of it is stored', () => {
  const rows = writtenLog(6);
  const fresh = tempStore();
  importStoredRows(fresh.store, rows.slice(0, 2));
  assert.equal(importStoredRows(fresh.store, rows.slice(3)), {
    ok: false,
    kind: 'out-of-order',
    position: 4,
    expected: 3,
  });
  assert.equal(importStoredRows(fresh.store, [rows[2]!, rows[4]!]), {
    ok: false,
    kind: 'out-of-order',
    position: 5,
    expected: 4,
  });
  assert.is(fresh.store.lastPosition(), 2, 'the batch that failed half-way stored nothing');
  fresh.done();
});

test('given rows into a log that already holds events of its own, when imported, then they are refused', () => {
  const rows = writtenLog(3);
  const busy = tempStore();
  busy.store.append([orderEvent('mine')]);
  assert.equal(importStoredRows(busy.store, rows), {
    ok: false,
    kind: 'out-of-order',
    position: 1,
    expected: 2,
  });
  busy.done();
});

test('given a row whose stored data was edited, when imported, then the chain is broken at that position and nothing is stored', () => {
  const rows = writtenLog(5);
  const edited = rows.map((row) => (row.position === 3 ? { ...row, data: '{"id":"e3","total":0}' } : row));
  const fresh = tempStore();
  assert.equal(importStoredRows(fresh.store, edited), { ok: false, kind: 'chain-broken', brokenAt: 3 });
  assert.is(fresh.store.lastPosition(), 0);
  fresh.done();
});

test('given rows of another log, when imported after this log’s own, then the chain does not hold', () => {
  const first = writtenLog(2);
  const other = writtenLog(4, 'other-');
  const fresh = tempStore();
  importStoredRows(fresh.store, first);
  assert.equal(importStoredRows(fresh.store, other.slice(2)), {
    ok: false,
    kind: 'chain-broken',
    brokenAt: 3,
  });
  fresh.done();
});

test('given an imported log, then its rows are as append-only as any', () => {
  const rows = writtenLog(2);
  const fresh = tempStore();
  importStoredRows(fresh.store, rows);
  const raw = new BetterSqlite3(fresh.file);
  assert.throws(() => raw.prepare('DELETE FROM events WHERE position = 1').run(), /append-only/);
  raw.close();
  fresh.done();
});

test('given no rows, when imported, then nothing changes', () => {
  const fresh = tempStore();
  assert.equal(importStoredRows(fresh.store, []), { ok: true, imported: 0, lastPosition: 0 });
  fresh.done();
});

test.run();
