import { existsSync } from 'node:fs';
import type { EventStore } from '@bonrelay/event-store';
import { type PersonalDataSealer, plainPersonalData } from '@bonrelay/views';
import type { Config } from '../config/index.ts';
import { databaseFile } from '../database-file.ts';
import {
  createViewSealer,
  guestPersonalData,
  masterKeyFile,
  openKeyring,
  openPrivateEventStore,
  readMasterKey,
} from '../privacy/index.ts';
import { runningService } from '../service-lock.ts';
import type { CliArguments } from './args.ts';

/** What every CLI command gets: its arguments, the config, and where to write. */
export interface CliContext {
  readonly args: CliArguments;
  readonly config: Config;
  readonly out: (text: string) => void;
  readonly isTty: boolean;
}

/**
 * Opens the log for a CLI command. `--db <file>` points at a copy; read-only by default so an audit
 * can run beside the live service (WAL lets readers in while it writes).
 */
export function openLogForCli(context: CliContext, mode: 'read-only' | 'read-write'): EventStore {
  const option = context.args.options.db;
  const file = typeof option === 'string' ? option : databaseFile(context.config);
  if (!existsSync(file))
    throw new Error(`no bonrelay log at ${file} (set BONRELAY_DATA_DIR or pass --db <file>)`);
  const masterKey = readMasterKey(masterKeyFile(context.config));
  return openPrivateEventStore({ file, readonly: mode === 'read-only' }, masterKey).store;
}

/**
 * How the orders table's personal fields are sealed and opened for this log: per guest when it has
 * a master key (as the service writes them), plain for a log that predates encryption.
 */
export function personalDataForCli(context: CliContext, store: EventStore): PersonalDataSealer {
  const masterKey = readMasterKey(masterKeyFile(context.config));
  if (masterKey === undefined) return plainPersonalData;
  return guestPersonalData(openKeyring(store.connection, masterKey), createViewSealer(masterKey));
}

/** Refuses a writing command while the service runs on the same data (it would not see the change). */
export function assertServiceStopped(context: CliContext, command: string): void {
  if (context.args.options.db !== undefined) return;
  const running = runningService(context.config);
  if (running) {
    throw new Error(
      `the service is running (pid ${running.pid}, ${running.url}): stop it first — it would not see what \`${command}\` writes`,
    );
  }
}
