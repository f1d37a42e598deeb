import { withoutPassword } from '../../config/index.ts';
import { restoreFromDatabase } from '../../database-copy/restore-from-database.ts';
import { databaseCopySiteId } from '../../database-copy/start-database-copy.ts';
import { databaseFile } from '../../database-file.ts';
import { textOption } from '../args.ts';
import { assertServiceStopped, type CliContext } from '../cli-context.ts';

/** Rows per read from the server and per transaction into the log: flat memory, few round trips. */
const batchSize = 5_000;

const usage =
  'usage: bonrelay restore --from-database   (writes the site log back from BONRELAY_DATABASE_URL)';

/**
 * `restore --from-database`: the fresh box that replaces a restaurant's dead one gets its log back
 * from the server database's copy, so the service starts with its whole history and the tickets
 * still waiting to print. Refuses beside a running service and over a log that holds events.
 */
export async function restoreCommand(context: CliContext): Promise<number> {
  if (context.args.options['from-database'] !== true) throw new Error(usage);
  assertServiceStopped(context, 'restore');
  const { config } = context;
  const url = config.database.url;
  if (!url) {
    throw new Error(
      'restore --from-database reads the server copy of the log: set BONRELAY_DATABASE_URL (database.url) to the database the restaurant copied to',
    );
  }
  if (config.role === 'hub') throw new Error('a hub keeps no restaurant log: restore runs on a site');
  const siteId = databaseCopySiteId(config);
  const file = textOption(context.args, 'db') ?? databaseFile(config);
  const progress = context.isTty
    ? (restored: number, total: number) => process.stderr.write(`\rrestoring… ${restored} / ${total}`)
    : undefined;
  const result = await restoreFromDatabase({
    url,
    siteId,
    file,
    batchSize,
    ...(progress ? { onProgress: progress } : {}),
  });
  if (progress) process.stderr.write('\n');
  if (!result.ok) throw new Error(result.problem);
  context.out(
    `restored ${result.restored} events of site ${siteId} from ${withoutPassword(url)}; chain verified\n`,
  );
  if (result.sealed > 0) {
    context.out(
      "guests' names and addresses were sealed with keys that lived in the lost file; they read as erased\n",
    );
  }
  context.out(
    `log written to ${file}; start the service: it rebuilds its views and prints what was waiting\n`,
  );
  return 0;
}
