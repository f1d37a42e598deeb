import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IncompatibleDatabaseError, openEventStore } from '../src/index.ts';
import { orderEvent, tempDir } from './support/temp-store.ts';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function incompatible(work: () => unknown): IncompatibleDatabaseError {
  try {
    work();
  } catch (error) {
    if (error instanceof IncompatibleDatabaseError) return error;
    throw error;
  }
  throw new Error('expected an IncompatibleDatabaseError');
}

test('given a new file, when opened, then the schema is migrated once with WAL and synchronous=FULL', () => {
  const dir = tempDir();
  const file = join(dir.path, 'log.db');
  const clock = () => new Date('2025-03-07T18:00:00.000Z');
  const store = openEventStore({ file, clock });
  store.append([orderEvent('e1')]);
  store.close();
  const reopened = openEventStore({ file, clock, busyTimeoutMs: 1234 });
  const db = reopened.connection;
  assert.equal(db.prepare('SELECT version, name, applied_at FROM schema_migrations').all(), [
    { version: 1, name: 'events log', applied_at: '2025-03-07T18:00:00.000Z' },
  ]);
  assert.is(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.is(db.pragma('synchronous', { simple: true }), 2);
  assert.is(db.pragma('busy_timeout', { simple: true }), 1234);
  assert.is(db.pragma('foreign_keys', { simple: true }), 1);
  assert.is(reopened.read().length, 1);
  reopened.close();
  dir.remove();
});

test('given a file migrated by newer code, when opened, then IncompatibleDatabaseError and the file is unchanged', () => {
  const dir = tempDir();
  const file = join(dir.path, 'log.db');
  openEventStore({ file }).close();
  const raw = new BetterSqlite3(file);
  raw
    .prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00.000Z')")
    .run();
  raw.close();
  const before = digest(file);
  const error = incompatible(() => openEventStore({ file }));
  assert.match(error.message, /schema version 99, newer than this code/);
  assert.is(error.code, 'INCOMPATIBLE_DATABASE');
  assert.is(digest(file), before);
  dir.remove();
});

test('given a file that is not SQLite, when opened, then IncompatibleDatabaseError and the file is untouched', () => {
  const dir = tempDir();
  const file = join(dir.path, 'orders.csv');
  writeFileSync(file, 'order,total\n1,12.50\n'.repeat(20));
  const before = digest(file);
  const error = incompatible(() => openEventStore({ file }));
  assert.match(error.message, /not an SQLite database/);
  assert.is(digest(file), before);
  assert.not.ok(existsSync(`${file}-wal`));
  dir.remove();
});

test('given a tiny non-SQLite file, when opened, then it is refused too', () => {
  const dir = tempDir();
  const file = join(dir.path, 'note.txt');
  writeFileSync(file, 'hi');
  incompatible(() => openEventStore({ file }));
  assert.is(readFileSync(file, 'utf8'), 'hi');
  dir.remove();
});

test('given an empty file, when opened, then it becomes a fresh log', () => {
  const dir = tempDir();
  const file = join(dir.path, 'log.db');
  writeFileSync(file, '');
  const store = openEventStore({ file });
  assert.is(store.append([orderEvent('e1')]).lastPosition, 1);
  store.close();
  dir.remove();
});

test.run();
