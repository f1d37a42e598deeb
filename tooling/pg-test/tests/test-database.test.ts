import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, postgresTestUrl } from '../src/index.ts';

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

test('given the test cluster, when a spec asks for a database, then it gets an empty one of its own', async () => {
  const first = await createTestDatabase();
  const second = await createTestDatabase();
  try {
    assert.match(first.name, /^bonrelay_test_[0-9a-f]{12}$/);
    assert.is.not(first.name, second.name);
    await query(first.url, 'CREATE TABLE orders (id text)');
    assert.equal(await query(second.url, "SELECT 1 FROM pg_tables WHERE tablename = 'orders'"), []);
  } finally {
    await first.drop();
    await second.drop();
  }
});

test('given a database with a connection still open, when dropped, then it is gone', async () => {
  const database = await createTestDatabase();
  const lingering = new pg.Client({ connectionString: database.url });
  lingering.on('error', () => undefined);
  await lingering.connect();
  await database.drop();
  const left = await query(
    await postgresTestUrl(),
    `SELECT 1 FROM pg_database WHERE datname = '${database.name}'`,
  );
  assert.equal(left, []);
  await lingering.end().catch(() => undefined);
});

test.run();
