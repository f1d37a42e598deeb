import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresTestUrl } from './postgres-test-url.ts';

/** A database of one's own on the test cluster; `drop()` removes it with any connection left open. */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh, empty database (`bonrelay_test_<random>`) so a spec starts from nothing and
 * specs running side by side (two files at a time, several worktrees) never see each other's rows.
 */
export async function createTestDatabase(prefix = 'bonrelay_test'): Promise<TestDatabase> {
  const serverUrl = await postgresTestUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
