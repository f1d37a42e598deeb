import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStore } from '@bonrelay/event-store';
import { orderQueries, sqliteViewConnection } from '@bonrelay/views';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import {
  createViewSealer,
  guestPersonalData,
  masterKeyFile,
  openKeyring,
  readMasterKey,
} from '../src/privacy/index.ts';
import { cli, type Outage, printerOutage, serviceEnvironment } from './cli-scenario.ts';
import { startTestService, type TestService } from './support/test-service.ts';

const run = new URL('../src/cli/run.ts', import.meta.url).pathname;
const repositoryRoot = new URL('../../../', import.meta.url).pathname;

interface Context {
  app: TestService;
  env: Record<string, string>;
  outage: Outage;
  db: string;
}
const commands = suite<Context>('the bonrelay CLI, on a log written by the real service');

commands.before(async (context) => {
  context.app = await startTestService();
  context.env = serviceEnvironment(context.app);
  context.db = join(context.app.dataDir, 'bonrelay.db');
  context.outage = await printerOutage(context.app);
});
commands.after(async (context) => {
  await context.app.stop();
});

type Report = {
  replayedUntil: { position: number };
  waitingJobs: { jobId: string; state: string }[];
  queue: { total: number };
  orders: number;
};

commands(
  'given the running service, when `events --type` is asked, then every line is one JSON event of that type',
  async ({ env }) => {
    const { code, out } = await cli(['events', '--type', 'OrderReceived,PrintJobPrinted'], env);
    assert.is(code, 0);
    const lines = out.trimEnd().split('\n');
    const events = lines.map((line) => JSON.parse(line) as { type: string; position: number });
    assert.is(events.filter((event) => event.type === 'OrderReceived').length, 5);
    assert.is(events.filter((event) => event.type === 'PrintJobPrinted').length, 10);
    assert.ok(
      events.every((event, index) => index === 0 || event.position > (events[index - 1]?.position ?? 0)),
    );
  },
);

commands(
  'given the running service, when `events --from --to` is asked, then only events recorded in that window come',
  async ({ env, outage }) => {
    const { code, out } = await cli(['events', '--from', outage.offlineAt, '--to', outage.onlineAt], env);
    assert.is(code, 0);
    const events = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; recordedAt: string });
    assert.ok(events.length > 0);
    assert.ok(
      events.every((event) => event.recordedAt >= outage.offlineAt && event.recordedAt <= outage.onlineAt),
    );
    assert.is(events.filter((event) => event.type === 'OrderReceived').length, 3, 'the outage’s orders');
  },
);

commands(
  'given the running service, when `replay --until` a position during the outage, then the queue is as it was: jobs waiting',
  async ({ env, outage }) => {
    const during = await cli(['replay', '--until', String(outage.positionWhileOffline)], env);
    assert.is(during.code, 0);
    const then = JSON.parse(during.out) as Report;
    assert.is(then.replayedUntil.position, outage.positionWhileOffline);
    assert.is(then.orders, 5);
    assert.is(then.waitingJobs.length, 6, 'three orders × kitchen and customer ticket');
    const after = JSON.parse(
      (await cli(['replay', '--until', String(outage.positionAllPrinted)], env)).out,
    ) as Report;
    assert.equal(after.waitingJobs, []);
    const now = JSON.parse((await cli(['replay'], env)).out) as Report;
    assert.equal(now.waitingJobs, []);
    const byTime = JSON.parse((await cli(['replay', '--until', outage.offlineAt], env)).out) as Report;
    assert.is(byTime.orders, 2, 'at the moment the plug was pulled only two orders were in');
  },
);

commands(
  'given the running service, when `audit offline --from --to` is asked, then the printer outage is in the table',
  async ({ env, outage }) => {
    const from = new Date(Date.parse(outage.offlineAt) - 60_000).toISOString();
    const to = new Date(Date.parse(outage.onlineAt) + 60_000).toISOString();
    const { code, out } = await cli(['audit', 'offline', '--from', from, '--to', to], env);
    assert.is(code, 0);
    const row = out.split('\n').find((line) => line.startsWith('printer:printer'));
    assert.ok(row, out);
    assert.ok(row.includes(outage.offlineAt) && row.includes(outage.onlineAt), row);
    assert.match(row, /\boffline\b/);
    assert.match(out, /Per day/);
    const json = JSON.parse(
      (await cli(['audit', 'offline', '--from', from, '--to', to, '--json'], env)).out,
    ) as {
      offlinePeriods: { component: string; ordersReceived: string[] }[];
    };
    const period = json.offlinePeriods.find((p) => p.component === 'printer:printer');
    assert.is(period?.ordersReceived.length, 3);
    const before = await cli(
      ['audit', 'offline', '--to', new Date(Date.parse(outage.offlineAt) - 60_000).toISOString()],
      env,
    );
    assert.not.match(before.out, /printer:printer/, 'nothing before the outage');
  },
);

commands(
  'given BONRELAY_LOCALE=de-DE, when `audit offline` is asked, then the headings are German and the cells as recorded',
  async ({ env, outage }) => {
    const from = new Date(Date.parse(outage.offlineAt) - 60_000).toISOString();
    const to = new Date(Date.parse(outage.onlineAt) + 60_000).toISOString();
    const { code, out } = await cli(['audit', 'offline', '--from', from, '--to', to], {
      ...env,
      BONRELAY_LOCALE: 'de-DE',
    });
    assert.is(code, 0);
    assert.ok(out.startsWith(`Ausfälle ${from} → ${to}\n`), out);
    assert.match(
      out,
      /^Komponente +Beginn +Ende +Dauer +Ursache +Bestellungen +Bons zurückgehalten +Rückstand gedruckt nach +Ersatzdrucker$/m,
    );
    assert.match(out, /\nPro Tag\n/);
    assert.match(out, /^Tag +Komponente +offline +Ausfälle +mittlere Zeit bis zur Erholung$/m);
    assert.ok(
      out.split('\n').some((line) => line.startsWith('printer:printer') && line.includes(outage.offlineAt)),
    );
  },
);

commands(
  'given a window that ends mid-outage, when `audit offline`, then the outage is reported whole, as the API reports it',
  async ({ app, env, outage }) => {
    const middle = new Date((Date.parse(outage.offlineAt) + Date.parse(outage.onlineAt)) / 2).toISOString();
    const from = new Date(Date.parse(outage.offlineAt) - 60_000).toISOString();
    const { out } = await cli(['audit', 'offline', '--from', from, '--to', middle, '--json'], env);
    const fromCli = (JSON.parse(out) as { offlinePeriods: { component: string }[] }).offlinePeriods;
    const fromApi = await app.json<{ offlinePeriods: { component: string }[] }>(
      `/api/offline-periods?from=${from}&to=${middle}`,
    );
    const printerPeriods = (periods: { component: string }[]) =>
      periods.filter((period) => period.component === 'printer:printer');
    assert.equal(printerPeriods(fromCli), printerPeriods(fromApi.offlinePeriods));
    assert.is((printerPeriods(fromCli)[0] as { end?: string }).end, outage.onlineAt);
  },
);

commands(
  'given the running service, when `backup` copies the log, then `--db` on the copy verifies and reads',
  async ({ app, env }) => {
    const copy = join(app.dataDir, 'backup.db');
    const backup = await cli(['backup', copy], env);
    assert.is(backup.code, 0);
    assert.match(backup.out, /backup written to .*backup\.db/);
    const verified = await cli(['verify', '--db', copy], env);
    assert.is(verified.code, 0, verified.out);
    assert.match(verified.out, /^ok: \d+ events, hash chain intact/);
    const store = openEventStore({ file: copy, readonly: true });
    const copied = store.lastPosition();
    store.close();
    assert.ok(copied > 0);
    const orders = await cli(['events', '--db', copy, '--type', 'OrderReceived'], env);
    assert.is(orders.out.trimEnd().split('\n').length, 5);
  },
);

commands(
  'given the running service, when `doctor` checks, then printer and log are ok and nothing is broken',
  async ({ env }) => {
    const { code, out } = await cli(['doctor'], env);
    assert.is(code, 0, out);
    assert.match(out, /\[ok {2}\] printer printer/);
    assert.match(out, /\[ok {2}\] order log/);
    assert.match(out, /nothing broken/);
  },
);

commands(
  'given an unknown command, then the usage and exit 2; no command or --help gives the usage and 0',
  async ({ env }) => {
    const unknown = await cli(['fry', 'eggs'], env);
    assert.is(unknown.code, 2);
    assert.match(unknown.out, /^usage: bonrelay <command>/);
    assert.is((await cli([], env)).code, 0);
    assert.is((await cli(['--help'], env)).code, 0);
  },
);

commands(
  'given a bad --from, --until or missing value, then a clear error naming it and exit 1',
  async ({ env }) => {
    const badFrom = await cli(['events', '--from', 'friday evening'], env);
    assert.is(badFrom.code, 1);
    assert.match(badFrom.err, /--from "friday evening" is not a time/);
    const badUntil = await cli(['replay', '--until', 'soon'], env);
    assert.is(badUntil.code, 1);
    assert.match(badUntil.err, /--until "soon" is neither a log position nor a time/);
    const bare = await cli(['audit', 'offline', '--to'], env);
    assert.is(bare.code, 1);
    assert.match(bare.err, /--to needs a value/);
    const noFile = await cli(['verify', '--db', join(env.BONRELAY_DATA_DIR as string, 'nope.db')], env);
    assert.is(noFile.code, 1);
    assert.match(noFile.err, /no bonrelay log at .*nope\.db/);
    const noTarget = await cli(['backup'], env);
    assert.is(noTarget.code, 1);
    assert.match(noTarget.err, /usage: bonrelay backup <file>/);
  },
);

commands(
  'given the service stopped, when `projections rebuild` runs, then the read tables hold exactly what they held',
  async ({ app, env, db }) => {
    await app.stop();
    // Personal fields are sealed at rest with a fresh nonce each write, so compare what they open to.
    const config = loadConfig(env);
    const masterKey = readMasterKey(masterKeyFile(config));
    const sealer = masterKey ? createViewSealer(masterKey) : undefined;
    const snapshot = () => {
      const connection = new Database(db);
      try {
        const personalData = guestPersonalData(openKeyring(connection, masterKey!), sealer!);
        const views = sqliteViewConnection(connection);
        const orders = orderQueries(views, personalData).recent(1_000);
        const jobs = connection.prepare('SELECT * FROM print_jobs ORDER BY job_id').all();
        const days = connection.prepare('SELECT * FROM business_days ORDER BY business_day').all();
        const positions = connection.prepare('SELECT * FROM view_checkpoints ORDER BY view').all();
        const printers = connection.prepare('SELECT * FROM printers ORDER BY printer').all();
        const outages = connection.prepare('SELECT * FROM offline_periods ORDER BY id').all();
        return { orders, jobs, days, positions, printers, outages };
      } finally {
        connection.close();
      }
    };
    const before = snapshot();
    assert.ok(before.jobs.length > 0 && before.outages.length > 0 && before.printers.length > 0);
    assert.is(before.orders.length, 5);
    assert.ok(
      before.orders.every((order) => order.order.customer.lastName === 'Gast'),
      'guests readable',
    );
    const { code, out } = await cli(['projections', 'rebuild'], env);
    assert.is(code, 0);
    assert.match(out, /rebuilt to position \d+/);
    assert.equal(snapshot(), before);
    const one = await cli(['projections', 'rebuild', '--view', 'print-jobs'], env);
    assert.is(one.code, 0);
    assert.match(one.out, /^print-jobs: rebuilt to position \d+\n$/);
    const unknown = await cli(['projections', 'rebuild', '--view', 'recipes'], env);
    assert.is(unknown.code, 1);
    assert.match(unknown.err, /--view recipes: no such view; one of print-jobs/);
  },
);

commands(
  'given a log row edited behind the service’s back, then `verify` exits 1 naming that position',
  async ({ app, env, db }) => {
    const tampered = join(app.dataDir, 'tampered.db');
    copyFileSync(db, tampered);
    assert.is((await cli(['verify', '--db', tampered], env)).code, 0);
    const connection = new Database(tampered);
    const row = connection
      .prepare<[], { position: number }>(
        "SELECT position FROM events WHERE type = 'OrderReceived' ORDER BY position LIMIT 1 OFFSET 2",
      )
      .get();
    assert.ok(row);
    connection.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    connection
      .prepare("UPDATE events SET data = json_set(data, '$.order.totals.total', 1) WHERE position = ?")
      .run(row.position);
    connection.close();
    const { code, out } = await cli(['verify', '--db', tampered], env);
    assert.is(code, 1);
    assert.match(out, new RegExp(`^BROKEN at position ${row.position}: `));
  },
);

commands(
  'given the CLI as its own process (node --import tsx run.ts), then it works on the log and sets the exit code',
  ({ env, db }) => {
    assert.ok(existsSync(db));
    const child = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', run, ...args], {
        cwd: repositoryRoot,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const verified = child(['verify']);
    assert.is(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /^ok: /);
    const started = child(['events', '--type', 'ServiceStarted']);
    assert.is(started.status, 0);
    assert.is(JSON.parse(started.stdout.trim()).type, 'ServiceStarted');
    const unknown = child(['nonsense']);
    assert.is(unknown.status, 2);
  },
);

commands.run();
