import { ConfigError, loadConfig } from '../config/index.ts';
import { parseArguments } from './args.ts';
import type { CliContext } from './cli-context.ts';
import { auditOfflineCommand } from './commands/audit-offline.ts';
import { backupCommand } from './commands/backup.ts';
import { eventsCommand } from './commands/events.ts';
import { forgetCommand } from './commands/forget.ts';
import { rebuildCommand } from './commands/rebuild.ts';
import { replayCommand } from './commands/replay.ts';
import { restoreCommand } from './commands/restore.ts';
import { sitesCommand } from './commands/sites.ts';
import { verifyCommand } from './commands/verify.ts';

const usage = `usage: bonrelay <command> [options]   (npm run bonrelay -- <command> from the repository)

  events [--from T] [--to T] [--type A,B]   the log as NDJSON
  audit offline [--from T] [--to T] [--component printer:NAME|internet] [--json] [--site ID (on a hub)]
  replay [--until TIME|POSITION]            views as they were then: queue and connectivity
  projections rebuild [--view NAME]         replay the log into fresh read tables (all, or one view)
  verify                                    hash chain + SQLite integrity check
  backup <file>                             consistent online copy of the log
  restore --from-database                   write a lost log back from BONRELAY_DATABASE_URL's copy (service stopped, no log in place)
  forget <email|phone|order id>             erase a guest (destroys their data key; run with the service stopped)
  doctor [--send-test-mail]                 check config, printers, Wix, disk, e-mail (and send a test mail)
  sites add <id> [--wix-instance ID] | sites list | sites remove <id>   the hub's restaurants

  --db <file> works on a copy of the log instead of <dataDir>/bonrelay.db`;

type Command = (context: CliContext) => number | Promise<number>;

async function doctor(context: CliContext): Promise<number> {
  const { doctorCommand } = await import('./commands/doctor.ts');
  return doctorCommand(context);
}

function pick(words: readonly string[]): Command | undefined {
  const [first, second] = words;
  if (first === 'events') return eventsCommand;
  if (first === 'audit' && second === 'offline') return auditOfflineCommand;
  if (first === 'replay') return replayCommand;
  if (first === 'projections' && second === 'rebuild') return rebuildCommand;
  if (first === 'verify') return verifyCommand;
  if (first === 'backup') return backupCommand;
  if (first === 'restore') return restoreCommand;
  if (first === 'doctor') return doctor;
  if (first === 'forget') return forgetCommand;
  if (first === 'sites') return sitesCommand;
  return undefined;
}

/** The operator's tool: every command reads config like the service and works on the same log. */
export async function runCli(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArguments(argv);
  const command = pick(args.words);
  if (!command) {
    out(`${usage}\n`);
    return args.words.length === 0 || args.options.help ? 0 : 2;
  }
  try {
    const config = loadConfig();
    return await command({ args, config, out, isTty: Boolean(process.stderr.isTTY) });
  } catch (error) {
    process.stderr.write(
      `bonrelay: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
