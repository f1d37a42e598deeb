import { openPostgresEventStore } from '@bonrelay/event-store';
import { createTestDatabase } from '@bonrelay/pg-test';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { postgresLogFinding, withoutPassword } from '../src/cli/commands/doctor-database.ts';
import { loadConfig } from '../src/config/index.ts';

test('given BONRELAY_DATABASE_URL, then it is the config’s database.url; a URL of another kind names the key', () => {
  const url = 'postgres://bonrelay@127.0.0.1:5432/hub';
  assert.is(loadConfig({ BONRELAY_DATABASE_URL: url }).database.url, url);
  assert.is(loadConfig({}).database.url, undefined);
  assert.throws(
    () => loadConfig({ BONRELAY_DATABASE_URL: 'mysql://root@127.0.0.1/hub' }),
    /database\.url \(from BONRELAY_DATABASE_URL\): must be a postgres:\/\/ URL/,
  );
});

test('given a database holding a log, when doctor looks, then it is ok with the schema version and length', async () => {
  const database = await createTestDatabase();
  const store = await openPostgresEventStore(database.url);
  await store.append([{ id: 'e1', stream: 'order-1', type: 'OrderReceived', data: {} }]);
  await store.close();
  const finding = await postgresLogFinding(database.url);
  assert.equal(finding, {
    verdict: 'ok',
    check: 'database',
    detail: `${database.url}: schema version 1 (this bonrelay 1), 1 events`,
  });
  await database.drop();
});

test('given an empty database, a newer schema, or no server, then doctor warns, fails, fails', async () => {
  const database = await createTestDatabase();
  assert.is((await postgresLogFinding(database.url)).verdict, 'warn');
  await (await openPostgresEventStore(database.url)).close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("INSERT INTO schema_migrations VALUES (7, 'from the future', 'x')");
  await client.end();
  const newer = await postgresLogFinding(database.url);
  assert.is(newer.verdict, 'FAIL');
  assert.match(newer.detail, /schema version 7, newer than this bonrelay \(1\); upgrade bonrelay/);
  await database.drop();
  const down = await postgresLogFinding('postgres://bonrelay:secret@127.0.0.1:1/hub');
  assert.is(down.verdict, 'FAIL');
  assert.match(down.detail, /^postgres:\/\/bonrelay:\*\*\*@127\.0\.0\.1:1\/hub: event store unavailable/);
  assert.is(withoutPassword('not a url'), '(unparsable URL)');
});

test.run();
