import { closeSync, openSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orderEvent, tempStore } from './support/temp-store.ts';

function withTriggersDropped(file: string, edit: (db: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  edit(raw);
  raw.close();
}

function seededLog() {
  const fixture = tempStore();
  fixture.store.append(
    Array.from({ length: 12 }, (_, index) => orderEvent(`e${index + 1}`, `order-${index % 3}`)),
  );
  return fixture;
}

test('given an untouched log, when verified, then every event is checked and the chain holds', () => {
  const { store, done } = seededLog();
  assert.equal(store.verify(), { ok: true, checked: 12 });
  done();
});

test('given an empty log, when verified, then it is ok with nothing checked', () => {
  const { store, done } = tempStore();
  assert.equal(store.verify(), { ok: true, checked: 0 });
  done();
});

test('given a row edited behind the store’s back, when verified, then it reports that position', () => {
  const { store, file, done } = seededLog();
  withTriggersDropped(file, (raw) => {
    raw.prepare(`UPDATE events SET data = '{"id":"e7","total":0}' WHERE position = 7`).run();
  });
  assert.equal(store.verify(), { ok: false, brokenAt: 7, reason: 'hash does not match the chain' });
  done();
});

test('given a row deleted behind the store’s back, when verified, then the next position is reported', () => {
  const { store, file, done } = seededLog();
  withTriggersDropped(file, (raw) => raw.prepare('DELETE FROM events WHERE position = 4').run());
  const result = store.verify();
  assert.equal(result, { ok: false, brokenAt: 5, reason: 'hash does not match the chain' });
  done();
});

test('given a log longer than one page, when verified, then the chain is followed across pages', () => {
  const { store, done } = tempStore();
  store.append(Array.from({ length: 5003 }, (_, index) => orderEvent(`e${index}`, 'order-big')));
  assert.equal(store.verify(), { ok: true, checked: 5003 });
  done();
});

test('given an index corrupted on disk, when verified, then integrity_check reports it', () => {
  const { store, file, done } = seededLog();
  store.close();
  const raw = new BetterSqlite3(file);
  const { rootpage } = raw
    .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events_recorded_at'")
    .get() as {
    rootpage: number;
  };
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0x7a), 0, 64, rootpage * pageSize - 64);
  closeSync(fd);
  const { store: reopened, done: doneReopened } = tempStore({ file });
  const result = reopened.verify();
  assert.is(result.ok, false);
  if (!result.ok) assert.match(result.reason, /^integrity_check: /);
  doneReopened();
  done();
});

test.run();
