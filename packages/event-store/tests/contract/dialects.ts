import { join } from 'node:path';
import { createTestDatabase } from '@bonrelay/pg-test';
import pg from 'pg';
import {
  type AsyncEventStore,
  asyncEventStore,
  type EventCodec,
  openEventStore,
  openPostgresEventStore,
  type Upcaster,
} from '../../src/index.ts';
import { steppingClock, tempDir } from '../support/temp-store.ts';

/** What a contract spec may choose when it opens a store; the rest is each dialect's default. */
export interface StoreChoices {
  clock?: () => Date;
  upcasters?: Record<string, Upcaster>;
  codec?: EventCodec;
  livePageSize?: number;
}

/** A log on one database, opened for a spec, with the back door a person with a connection has. */
export interface LogUnderTest {
  readonly store: AsyncEventStore;
  /** Runs a statement on the log's database as any other client could (the triggers still hold). */
  raw(statement: string): Promise<void>;
  /** Runs a statement with the append-only triggers out of the way: tampering behind the store's back. */
  tamper(statement: string): Promise<void>;
  /** Opens the same log again, e.g. with upcasters a later release brings. */
  reopen(choices?: StoreChoices): Promise<AsyncEventStore>;
  done(): Promise<void>;
}

export interface Dialect {
  readonly name: string;
  open(choices?: StoreChoices): Promise<LogUnderTest>;
}

const sqlite: Dialect = {
  name: 'sqlite',
  async open(choices = {}) {
    const dir = tempDir();
    const file = join(dir.path, 'log.db');
    const stores: AsyncEventStore[] = [];
    const openOne = (more: StoreChoices) => {
      const sync = openEventStore({ file, clock: steppingClock(), ...more });
      const store = asyncEventStore(sync);
      stores.push(store);
      return { sync, store };
    };
    const { sync, store } = openOne(choices);
    return {
      store,
      raw: async (statement) => {
        sync.connection.exec(statement);
      },
      tamper: async (statement) => {
        sync.connection.exec(
          `DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; ${statement};
           CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
           CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`,
        );
      },
      reopen: async (more = {}) => openOne(more).store,
      done: async () => {
        for (const each of stores) await each.close();
        dir.remove();
      },
    };
  },
};

async function onDatabase(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const postgres: Dialect = {
  name: 'postgres',
  async open(choices = {}) {
    const database = await createTestDatabase();
    const stores: AsyncEventStore[] = [];
    const openOne = async (more: StoreChoices) => {
      const store = await openPostgresEventStore(database.url, { clock: steppingClock(), ...more });
      stores.push(store);
      return store;
    };
    const store = await openOne(choices);
    return {
      store,
      raw: (statement) => onDatabase(database.url, statement),
      tamper: (statement) =>
        onDatabase(
          database.url,
          `BEGIN; ALTER TABLE events DISABLE TRIGGER USER; ${statement}; ALTER TABLE events ENABLE TRIGGER USER; COMMIT;`,
        ),
      reopen: openOne,
      done: async () => {
        for (const each of stores) await each.close();
        await database.drop();
      },
    };
  },
};

/** SQLite always, PostgreSQL from the test setup (a spec run by hand starts it, or says how). */
export const dialects: readonly Dialect[] = [sqlite, postgres];

/** An order-ish event with just enough to tell events apart. */
export { orderEvent } from '../support/temp-store.ts';
