import { hkdfSync, randomBytes } from 'node:crypto';
import type { Order } from '@bonrelay/domain';
import type { Database } from '@bonrelay/event-store';
import { customerHandle, customerIdFor, handleForQuery } from './customer-id.ts';
import { open, type SealedBox, seal } from './sealed-box.ts';

/** Every guest's data key, wrapped by the master key; forgetting a guest deletes their row. */
export interface Keyring {
  /** The pseudonym an order's personal data is filed under. */
  customerIdOf(order: Order): string;
  /** The pseudonym for what an operator typed: an email, a phone number or an order id. */
  customerIdForQuery(query: string): string;
  /** The guest's data key, made (inside the caller's transaction, if any) when it is the first. */
  dataKeyFor(customerId: string): Buffer;
  /** The guest's data key if it still exists: reading never makes keys. */
  existingKeyFor(customerId: string): Buffer | undefined;
  /** Crypto-shredding: deletes the wrapped key, so everything sealed with it is unreadable for good. */
  forget(customerId: string): boolean;
  /** Checkpoints and truncates the WAL so no old page still holds a deleted key; false if readers held it. */
  purge(): boolean;
}

export interface KeyringOptions {
  readonly clock?: () => Date;
}

interface KeyRow {
  readonly wrapped: string;
}

/** Separate keys for separate jobs, all from the one master key. */
function derive(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `bonrelay ${purpose}`, 32));
}

const canaryId = '#master-key-check';
const canaryText = 'bonrelay keyring';

/** The database was written with another master key: starting would orphan every guest's data. */
export class KeyringMismatchError extends Error {
  readonly code = 'KEYRING_MISMATCH';
  constructor() {
    super(
      'security.keyFile (BONRELAY_KEY_FILE): this master key does not open the keyring in the database; restore the key file this database was written with',
    );
    this.name = 'KeyringMismatchError';
  }
}

function hasTable(db: Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customer_keys'").get() !==
    undefined
  );
}

/**
 * Opens the keyring in the log's SQLite file. Keys live in their own table, the one place that is
 * NOT append-only, because forgetting a guest must really delete something. `secure_delete` makes
 * SQLite zero a deleted row's bytes instead of leaving them in a free page. A check row proves the
 * master key is the one the file was written with. Unwrapped keys are cached until another process
 * writes to the file (PRAGMA data_version changes), e.g. a `bonrelay forget` beside the service.
 */
export function openKeyring(db: Database, masterKey: Buffer, options: KeyringOptions = {}): Keyring {
  const clock = options.clock ?? (() => new Date());
  const wrapKey = derive(masterKey, 'data key wrap');
  const idKey = derive(masterKey, 'customer id');
  if (!db.readonly) {
    db.pragma('secure_delete = ON');
    db.exec(`CREATE TABLE IF NOT EXISTS customer_keys (
      customer_id TEXT PRIMARY KEY, wrapped TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID`);
  }
  const readable = hasTable(db);
  const select = readable
    ? db.prepare<[string], KeyRow>('SELECT wrapped FROM customer_keys WHERE customer_id = ?')
    : undefined;
  const insert = db.readonly
    ? undefined
    : db.prepare<[string, string, string]>(
        'INSERT INTO customer_keys (customer_id, wrapped, created_at) VALUES (?, ?, ?)',
      );
  const remove = db.readonly
    ? undefined
    : db.prepare<[string]>('DELETE FROM customer_keys WHERE customer_id = ?');
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const cache = new Map<string, Buffer | null>();
  let seenVersion = dataVersion.get();

  const wrap = (customerId: string, key: Buffer) => {
    if (insert === undefined) throw new TypeError('the keyring is open read-only');
    insert.run(customerId, JSON.stringify(seal(wrapKey, key, customerId)), clock().toISOString());
  };
  const unwrap = (customerId: string): Buffer | undefined => {
    const row = select?.get(customerId);
    return row ? open(wrapKey, JSON.parse(row.wrapped) as SealedBox, customerId) : undefined;
  };
  if (select?.get(canaryId) === undefined) {
    if (insert !== undefined) wrap(canaryId, Buffer.from(canaryText));
  } else if (unwrap(canaryId)?.toString() !== canaryText) {
    throw new KeyringMismatchError();
  }

  const existingKeyFor = (customerId: string): Buffer | undefined => {
    const version = dataVersion.get();
    if (version !== seenVersion) cache.clear();
    seenVersion = version;
    const cached = cache.get(customerId);
    if (cached !== undefined) return cached ?? undefined;
    const key = unwrap(customerId);
    cache.set(customerId, key ?? null);
    return key;
  };

  return {
    customerIdOf: (order) => customerIdFor(customerHandle(order), idKey),
    customerIdForQuery: (query) => customerIdFor(handleForQuery(query), idKey),
    existingKeyFor,
    dataKeyFor(customerId) {
      const existing = existingKeyFor(customerId);
      if (existing) return existing;
      const key = randomBytes(32);
      wrap(customerId, key);
      // Not cached: if the append around us rolls back, the next read must not find a key that never was.
      cache.delete(customerId);
      return key;
    },
    forget(customerId) {
      if (remove === undefined) throw new TypeError('the keyring is open read-only');
      cache.delete(customerId);
      return remove.run(customerId).changes > 0;
    },
    purge() {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return result?.busy === 0;
    },
  };
}
