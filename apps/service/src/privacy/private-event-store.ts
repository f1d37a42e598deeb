import { join } from 'node:path';
import { type EventStore, type EventStoreOptions, openEventStore } from '@bonrelay/event-store';
import type { Config } from '../config/index.ts';
import { type Keyring, openKeyring } from './keyring.ts';
import { createPrivacyCodec } from './privacy-codec.ts';

/** The log with its keyring: the store reads and writes in the clear, the file holds ciphertext. */
export interface PrivateEventStore {
  readonly store: EventStore;
  /** Undefined when no master key was given (a CLI reading a log that predates encryption). */
  readonly keyring: Keyring | undefined;
}

/** Where the master key lives: `security.keyFile`, else beside the database. */
export function masterKeyFile(config: Config): string {
  return config.security.keyFile ?? join(config.dataDir, 'master.key');
}

/**
 * Opens the log with the privacy codec. The keyring shares the store's connection (opened first,
 * bound lazily), so a new guest's data key is written inside the same append transaction as the
 * order that needed it: both commit, or neither does. Without a master key the log opens as is.
 */
export function openPrivateEventStore(
  options: Omit<EventStoreOptions, 'codec'>,
  masterKey: Buffer | undefined,
): PrivateEventStore {
  if (masterKey === undefined) return { store: openEventStore(options), keyring: undefined };
  let keyring: Keyring | undefined;
  const bound = () => {
    if (keyring === undefined) throw new Error('the keyring is not open yet');
    return keyring;
  };
  const store = openEventStore({ ...options, codec: createPrivacyCodec({ keyring: bound }) });
  try {
    keyring = openKeyring(store.connection, masterKey, { clock: options.clock });
  } catch (error) {
    store.close();
    throw error;
  }
  return { store, keyring };
}
