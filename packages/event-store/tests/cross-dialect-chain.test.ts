import { join } from 'node:path';
import { createTestDatabase } from '@bonrelay/pg-test';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openEventStore, openPostgresEventStore } from '../src/index.ts';
import { steppingClock, tempDir } from './support/temp-store.ts';

interface Row {
  position: number;
  id: string;
  stream: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

const columns =
  'position, id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash';

const evening = Array.from({ length: 30 }, (_, index) => ({
  id: `e${index}`,
  stream: `order-${index % 4}`,
  type: index % 2 ? 'OrderApproved' : 'OrderReceived',
  data: { order: index, guest: 'Zoë “Ünal”', lines: [{ name: 'Phở', qty: 2, price: '12.50' }] },
  metadata: { correlationId: `c-${index}`, source: 'wix' },
}));

test('given the same evening appended on each database with the same clock, then both hold the same chain', async () => {
  const dir = tempDir();
  const database = await createTestDatabase();
  const sqlite = openEventStore({ file: join(dir.path, 'log.db'), clock: steppingClock() });
  const postgres = await openPostgresEventStore(database.url, { clock: steppingClock() });
  for (let start = 0; start < evening.length; start += 7) {
    sqlite.append(evening.slice(start, start + 7));
    await postgres.append(evening.slice(start, start + 7));
  }
  assert.equal(await postgres.read(), sqlite.read());
  sqlite.close();
  await postgres.close();
  await database.drop();
  dir.remove();
});

test('given a log written on SQLite, when its rows are copied into PostgreSQL, then PostgreSQL verifies the chain, and back', async () => {
  const dir = tempDir();
  const database = await createTestDatabase();
  const site = openEventStore({ file: join(dir.path, 'site.db'), clock: steppingClock() });
  for (let start = 0; start < evening.length; start += 5) site.append(evening.slice(start, start + 5));
  const rows = site.connection.prepare(`SELECT ${columns} FROM events ORDER BY position`).all() as Row[];
  site.close();

  const hub = await openPostgresEventStore(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  for (const row of rows)
    await client.query(
      `INSERT INTO events (${columns}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      Object.values(row),
    );
  const last = rows[rows.length - 1]!;
  await client.query('UPDATE events_head SET position = $1, hash = $2', [last.position, last.hash]);
  await client.end();
  assert.equal(await hub.verify(), { ok: true, checked: rows.length });
  await hub.append([{ id: 'after-copy', stream: 'order-9', type: 'OrderReceived', data: {} }]);
  assert.equal(await hub.verify(), { ok: true, checked: rows.length + 1 });

  const copied = await hub.read();
  await hub.close();
  const back = openEventStore({ file: join(dir.path, 'back.db'), clock: steppingClock() });
  const insert = back.connection.prepare(`INSERT INTO events (${columns}) VALUES (?,?,?,?,?,?,?,?,?,?)`);
  for (const event of copied) {
    insert.run(
      event.position,
      event.id,
      event.stream,
      event.streamVersion,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      event.recordedAt,
      event.hash,
    );
  }
  assert.equal(back.verify(), { ok: true, checked: rows.length + 1 });
  back.close();
  await database.drop();
  dir.remove();
});

test('given a copied log whose head was not moved, when verified on PostgreSQL, then the mismatch is reported', async () => {
  const database = await createTestDatabase();
  const hub = await openPostgresEventStore(database.url, { clock: steppingClock() });
  await hub.append(evening.slice(0, 3));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('UPDATE events_head SET position = 2');
  await client.end();
  assert.equal(await hub.verify(), {
    ok: false,
    brokenAt: 4,
    reason: 'the log head does not match its last event',
  });
  await hub.close();
  await database.drop();
});

test.run();
