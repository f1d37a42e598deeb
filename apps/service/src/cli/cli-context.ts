import { existsSync } from 'node:fs';
import { type EventStore, openEventStore } from '@bonrelay/event-store';
import type { Config } from '../config/index.ts';
import { databaseFile } from '../database-file.ts';
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
  return openEventStore({ file, readonly: mode === 'read-only' });
}
