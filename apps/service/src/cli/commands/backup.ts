import { resolve } from 'node:path';
import { type CliContext, openLogForCli } from '../cli-context.ts';

/**
 * `backup <file>`: a consistent copy while the service runs, through SQLite's online backup API
 * (copying the file by hand could catch a half-written WAL).
 */
export async function backupCommand(context: CliContext): Promise<number> {
  const target = context.args.words[1];
  if (!target) throw new Error('usage: bonrelay backup <file>');
  const store = openLogForCli(context, 'read-only');
  try {
    await store.connection.backup(resolve(target));
    context.out(`backup written to ${resolve(target)} (${store.lastPosition()} events)\n`);
    return 0;
  } finally {
    store.close();
  }
}
