import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A fresh, empty hub database of one dialect, named by the URL the hub is given. */
export interface HubDatabaseUnderTest {
  readonly dialect: 'sqlite' | 'postgres';
  fresh(): Promise<string>;
}

const sqlite: HubDatabaseUnderTest = {
  dialect: 'sqlite',
  fresh: async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-')), 'hub.db')}`,
};

/**
 * PostgreSQL when the test setup started one (`BONRELAY_TEST_POSTGRES_URL`, a superuser URL on
 * loopback): each test gets its own database, created here and left for the throwaway cluster.
 */
function postgres(serverUrl: string): HubDatabaseUnderTest {
  return {
    dialect: 'postgres',
    fresh: async () => {
      const name = `bonrelay_hub_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

/** The dialects a hub test runs on: SQLite always, PostgreSQL when the setup provides one. */
export function hubDatabasesUnderTest(): HubDatabaseUnderTest[] {
  const serverUrl = process.env.BONRELAY_TEST_POSTGRES_URL;
  return serverUrl ? [sqlite, postgres(serverUrl)] : [sqlite];
}
