import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase } from '@bonrelay/pg-test';
import pg from 'pg';
import { firstValueFrom, take, toArray } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresEventStore, StreamVersionConflictError } from '../src/index.ts';
import { positionsBetween } from './support/collect.ts';

const writer = join(import.meta.dirname, 'fixtures', 'postgres-writer.ts');

/** Runs one writer process to its end; resolves with the positions of each of its batches. */
function runWriter(url: string, name: string, batches: number, size: number): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', writer, url, name, String(batches), String(size)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`writer ${name} exited with ${code}`));
      else
        resolve(
          output
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as number[]),
        );
    });
  });
}

const increasing = (values: readonly number[]) =>
  values.every((value, index) => index === 0 || value > values[index - 1]!);

test('given two writer processes racing, then positions are gap-free in commit order and a tail elsewhere sees each once', async () => {
  const database = await createTestDatabase();
  const tail = await openPostgresEventStore(database.url);
  try {
    const total = 2 * 40 * 5;
    const seen = firstValueFrom(tail.live().pipe(take(total), toArray()));
    const [first, second] = await Promise.all([
      runWriter(database.url, 'a', 40, 5),
      runWriter(database.url, 'b', 40, 5),
    ]);
    const events = await seen;
    assert.equal(
      events.map((event) => event.position),
      positionsBetween(0, total),
    );
    // Each writer's batches are contiguous runs, and later batches of one writer come later.
    for (const batches of [first!, second!]) {
      assert.ok(batches.every((batch) => batch.length === 5 && batch[4]! - batch[0]! === 4));
      assert.ok(increasing(batches.flat()));
    }
    assert.equal(new Set(events.map((event) => event.id)).size, total);
    assert.equal(await tail.verify(), { ok: true, checked: total });
  } finally {
    await tail.close();
    await database.drop();
  }
});

test('given writers racing on one stream with the same expected version, then exactly one wins', async () => {
  const database = await createTestDatabase();
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresEventStore(database.url)));
  const results = await Promise.allSettled(
    stores.map((store, index) =>
      store.append([{ id: `accept-${index}`, stream: 'order-7', type: 'OrderAccepted', data: index }], {
        expectedVersion: 0,
      }),
    ),
  );
  assert.is(results.filter((result) => result.status === 'fulfilled').length, 1);
  for (const result of results)
    if (result.status === 'rejected') assert.ok(result.reason instanceof StreamVersionConflictError);
  const duplicates = await Promise.all(
    stores.map((store) =>
      store.append([{ id: 'webhook:1', stream: 'webhooks', type: 'WebhookReceived', data: 1 }]),
    ),
  );
  assert.is(duplicates.filter((result) => result.appended.length === 1).length, 1);
  assert.is(duplicates.filter((result) => result.duplicates[0] === 'webhook:1').length, 3);
  for (const store of stores) await store.close();
  await database.drop();
});

test('given a stored log, when anyone truncates it, then the database refuses', async () => {
  const database = await createTestDatabase();
  const store = await openPostgresEventStore(database.url);
  await store.append([{ id: 'e1', stream: 's', type: 'T', data: 1 }]);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const refused = await client.query('TRUNCATE events').catch((error: Error) => error);
  await client.end();
  assert.match(String(refused), /events are append-only/);
  assert.is(await store.lastPosition(), 1);
  await store.close();
  await database.drop();
});

test('given a database a newer bonrelay migrated, when opened, then it is refused and left alone', async () => {
  const database = await createTestDatabase();
  const store = await openPostgresEventStore(database.url);
  await store.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x')");
  await client.end();
  const refused = await openPostgresEventStore(database.url).catch((error: Error) => error);
  assert.match(String(refused), /schema version 99, newer than this code/);
  await database.drop();
});

test('given no server at the URL, when opened, then it fails with StoreUnavailableError', async () => {
  const refused = await openPostgresEventStore('postgres://postgres@127.0.0.1:1/none').catch(
    (error: Error) => error,
  );
  assert.is((refused as Error).name, 'StoreUnavailableError');
});

test('given a live tail whose listening connection is cut, when others append meanwhile, then it listens again and misses nothing', async () => {
  const database = await createTestDatabase();
  const tail = await openPostgresEventStore(database.url);
  const writer = await openPostgresEventStore(database.url);
  try {
    const seen: number[] = [];
    const reached = (count: number) =>
      new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (seen.length >= count) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
    const subscription = tail.live().subscribe((event) => seen.push(event.position));
    await writer.append([{ id: 'e1', stream: 's', type: 'T', data: 1 }]);
    await reached(1);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    await admin.end();
    assert.is(cut.rowCount, 1);
    await writer.append([{ id: 'e2', stream: 's', type: 'T', data: 2 }]);
    await writer.append([{ id: 'e3', stream: 's', type: 'T', data: 3 }]);
    await reached(3);
    assert.equal(seen, [1, 2, 3]);
    subscription.unsubscribe();
  } finally {
    await tail.close();
    await writer.close();
    await database.drop();
  }
});

test.run();
