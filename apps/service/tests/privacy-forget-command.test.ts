import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catchUpViews, orderQueries, sqliteViewConnection } from '@bonrelay/views';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArguments } from '../src/cli/args.ts';
import type { CliContext } from '../src/cli/cli-context.ts';
import { forgetCommand } from '../src/cli/commands/forget.ts';
import { loadConfig } from '../src/config/index.ts';
import { databaseFile } from '../src/database-file.ts';
import {
  createViewSealer,
  erased,
  guestPersonalData,
  loadOrCreateMasterKey,
  masterKeyFile,
  openPrivateEventStore,
} from '../src/privacy/index.ts';
import { bonrelayTableViews } from '../src/projections/bonrelay-views.ts';
import { fileHolds, localOrder, receivedAndApproved } from './privacy-support/private-log.ts';

const maria = localOrder('local-1', {
  name: 'Maria Schmidtke',
  phone: '+49 171 4445566',
  email: 'maria.s@example.org',
});
const anna = localOrder('local-2', { name: 'Anna Gastmann', phone: '+49 30 1234567' });

/** A data dir as the service leaves it: key file, log, and the tables built from the log. */
function restaurant() {
  const dir = mkdtempSync(join(tmpdir(), 'bonrelay-forget-'));
  const config = loadConfig({ BONRELAY_DATA_DIR: dir });
  const masterKey = loadOrCreateMasterKey(masterKeyFile(config), { warn: () => undefined });
  const sealers = (keyring: Parameters<typeof guestPersonalData>[0]) =>
    guestPersonalData(keyring, createViewSealer(masterKey));
  const { store, keyring } = openPrivateEventStore({ file: databaseFile(config) }, masterKey);
  store.append([maria, anna].flatMap(receivedAndApproved));
  const connection = sqliteViewConnection(store.connection);
  catchUpViews(store, connection, bonrelayTableViews(config, sealers(keyring!)));
  assert.is(
    orderQueries(connection, sealers(keyring!)).order('local-1')?.order.customer.lastName,
    'Schmidtke',
  );
  store.close();
  const output: string[] = [];
  const run = (...argv: string[]) => {
    const context: CliContext = {
      args: parseArguments(argv),
      config,
      out: (text) => output.push(text),
      isTty: false,
    };
    return forgetCommand(context);
  };
  /** The orders table as the service would read it (without catching up on anything). */
  const ordersTable = (orderId: string) => {
    const opened = openPrivateEventStore({ file: databaseFile(config) }, masterKey);
    const orders = orderQueries(sqliteViewConnection(opened.store.connection), sealers(opened.keyring!));
    const order = orders.order(orderId)?.order;
    opened.store.close();
    return order;
  };
  return { dir, config, run, output, ordersTable, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('given a restaurant with view rows, when `forget <email>` runs, then views show [erased] and the file holds none of her data', () => {
  const at = restaurant();
  assert.is(at.run('forget', 'maria.s@example.org'), 0);
  assert.match(at.output.join(''), /forgotten: 1 data key destroyed; 1 order now read \[erased\]: local-1/);
  const file = databaseFile(at.config);
  for (const secret of ['Schmidtke', '4445566', 'maria.s@example.org', 'Maria mag es scharf'])
    assert.not.ok(fileHolds(file, secret), secret);
  assert.is(at.ordersTable('local-1')?.customer.lastName, erased);
  assert.is(at.ordersTable('local-1')?.note, erased);
  assert.is(at.ordersTable('local-2')?.customer.lastName, 'Gastmann');
  const connection = new Database(file, { readonly: true });
  const row = connection
    .prepare<[], { personal: string }>("SELECT personal FROM orders WHERE order_id = 'local-1'")
    .get();
  connection.close();
  assert.equal(Object.keys(JSON.parse(row?.personal ?? '{}')), ['fields'], 'her row keeps field names only');
  at.done();
});

test('given `forget` for nobody we know, then it says so and exits 1', () => {
  const at = restaurant();
  assert.is(at.run('forget', 'nobody@example.org'), 1);
  assert.match(at.output.join(''), /no personal data held for "nobody@example.org"/);
  at.done();
});

test('given `forget` without a guest, without a log or without a key, then it explains what is missing', () => {
  const at = restaurant();
  assert.throws(() => at.run('forget'), /usage: bonrelay forget/);
  assert.throws(() => at.run('forget', 'x', '--db', join(at.dir, 'missing.db')), /no bonrelay log at/);
  rmSync(masterKeyFile(at.config));
  assert.throws(
    () => at.run('forget', 'maria.s@example.org'),
    /security\.keyFile \(BONRELAY_KEY_FILE\): no master key/,
  );
  at.done();
});

test.run();
