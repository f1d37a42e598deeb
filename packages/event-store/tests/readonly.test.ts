import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IncompatibleDatabaseError, openEventStore, StoreUnavailableError } from '../src/index.ts';
import { orderEvent, tempDir, tempStore } from './support/temp-store.ts';

function unavailable(work: () => unknown): StoreUnavailableError {
  try {
    work();
  } catch (error) {
    if (error instanceof StoreUnavailableError) return error;
    throw error;
  }
  throw new Error('expected a StoreUnavailableError');
}

test('given a copy of a running log, when opened read-only, then it reads and verifies but refuses appends', () => {
  const { store, file, dir, done } = tempStore();
  store.append([orderEvent('e1'), orderEvent('e2')]);
  store.connection.pragma('wal_checkpoint(TRUNCATE)');
  const copy = join(dir, 'audit-copy.db');
  copyFileSync(file, copy);
  const audit = openEventStore({ file: copy, readonly: true });
  assert.equal(
    audit.read().map((event) => event.id),
    ['e1', 'e2'],
  );
  assert.equal(audit.verify(), { ok: true, checked: 2 });
  const error = unavailable(() => audit.append([orderEvent('e3')]));
  assert.match(error.message, /read-only/);
  assert.is(error.code, 'STORE_UNAVAILABLE');
  audit.close();
  done();
});

test('given a plain SQLite file without our schema, when opened read-only, then it is refused as too old', () => {
  const dir = tempDir();
  const file = join(dir.path, 'other.db');
  const raw = new BetterSqlite3(file);
  raw.exec('CREATE TABLE t (x)');
  raw.close();
  assert.throws(
    () => openEventStore({ file, readonly: true }),
    (error: unknown) =>
      error instanceof IncompatibleDatabaseError && /older than this code/.test(error.message),
  );
  dir.remove();
});

test('given a missing file, when opened read-only, then StoreUnavailableError', () => {
  const dir = tempDir();
  unavailable(() => openEventStore({ file: join(dir.path, 'missing.db'), readonly: true }));
  dir.remove();
});

test('given a closed store, when used, then StoreUnavailableError and closing again is harmless', () => {
  const { store, done } = tempStore();
  store.close();
  store.close();
  assert.match(unavailable(() => store.append([orderEvent('e1')])).message, /closed/);
  unavailable(() => store.read());
  unavailable(() => store.lastPosition());
  done();
});

test('given another writer holding the lock, when appending past the busy timeout, then StoreUnavailableError and nothing is written', () => {
  const { store, file, done } = tempStore({ busyTimeoutMs: 0 });
  const other = new BetterSqlite3(file);
  other.exec('BEGIN IMMEDIATE');
  const error = unavailable(() => store.append([orderEvent('e1')]));
  assert.match(error.message, /SQLITE_BUSY/);
  other.exec('ROLLBACK');
  other.close();
  assert.is(store.append([orderEvent('e1')]).lastPosition, 1);
  done();
});

test.run();
