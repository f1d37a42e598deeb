import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@bonrelay/pg-test';

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
 * PostgreSQL from the test cluster (started by the test setup, or by `@bonrelay/pg-test` when one
 * file runs by hand): each test gets its own database, left for the throwaway cluster.
 */
const postgres: HubDatabaseUnderTest = {
  dialect: 'postgres',
  fresh: async () => (await createTestDatabase('bonrelay_hub')).url,
};

/** The dialects a hub test runs on: both, always, so a PostgreSQL-only fault cannot hide. */
export function hubDatabasesUnderTest(): HubDatabaseUnderTest[] {
  return [sqlite, postgres];
}
