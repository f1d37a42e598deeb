import { existsSync } from 'node:fs';
import { translatorFor } from '@bonrelay/locale';
import { catchUpViews, sqliteViewConnection } from '@bonrelay/views';
import { databaseFile } from '../../database-file.ts';
import {
  createViewSealer,
  forgetCustomer,
  guestPersonalData,
  masterKeyFile,
  openPrivateEventStore,
  readMasterKey,
} from '../../privacy/index.ts';
import { bonrelayTableViews } from '../../projections/bonrelay-views.ts';
import { assertServiceStopped, type CliContext } from '../cli-context.ts';

/**
 * `forget <email|phone|order id>`: the guest's right to erasure. Destroys their data keys, records
 * `CustomerForgotten`, then brings the orders table up to it (her rows' personal fields are
 * overwritten; what was sealed with her key is unreadable anyway).
 * Run it with the service stopped (or restart the service after): a running service does not see
 * events another process appends.
 */
export function forgetCommand(context: CliContext): number {
  assertServiceStopped(context, 'forget');
  const query = context.args.words.slice(1).join(' ').trim();
  if (!query) throw new Error('usage: bonrelay forget <email | phone | order id>');
  const option = context.args.options.db;
  const file = typeof option === 'string' ? option : databaseFile(context.config);
  if (!existsSync(file))
    throw new Error(`no bonrelay log at ${file} (set BONRELAY_DATA_DIR or pass --db <file>)`);
  const keyFile = masterKeyFile(context.config);
  const masterKey = readMasterKey(keyFile);
  if (masterKey === undefined) {
    throw new Error(
      `security.keyFile (BONRELAY_KEY_FILE): no master key at ${keyFile}, so no guest data is held encrypted`,
    );
  }
  const { store, keyring } = openPrivateEventStore({ file }, masterKey);
  try {
    const report = forgetCustomer({ store, keyring: keyring!, clock: () => new Date() }, query);
    if (report.customerIds.length === 0) {
      context.out(`no personal data held for "${query}" (unknown, or already forgotten)\n`);
      return 1;
    }
    const siteSealer = createViewSealer(masterKey);
    const personalData = guestPersonalData(keyring!, siteSealer);
    catchUpViews(
      store,
      sqliteViewConnection(store.connection),
      bonrelayTableViews(context.config, personalData),
    );
    const purged = keyring!.purge();
    const done = translatorFor(context.config.locale).say('cli.forget.done', {
      keys: report.customerIds.length,
      orders: report.orderIds.length,
      ids: report.orderIds.join(', '),
    });
    context.out(`${done}\n`);
    if (!purged)
      context.out(
        'note: another process held the log open; old key pages leave the WAL at its next checkpoint\n',
      );
    return 0;
  } finally {
    store.close();
  }
}
