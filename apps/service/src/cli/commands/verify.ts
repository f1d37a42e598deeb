import { type CliContext, openLogForCli } from '../cli-context.ts';

/** `verify`: walks the hash chain and SQLite's integrity check; exit 1 names the first broken position. */
export function verifyCommand(context: CliContext): number {
  const store = openLogForCli(context, 'read-only');
  try {
    const result = store.verify();
    if (result.ok) {
      context.out(`ok: ${result.checked} events, hash chain intact, integrity_check ok\n`);
      return 0;
    }
    context.out(`BROKEN at position ${result.brokenAt}: ${result.reason}\n`);
    return 1;
  } finally {
    store.close();
  }
}
