import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfflinePeriod, QueueSummary } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, type Outage, printerOutage, serviceEnvironment } from './cli-scenario.ts';
import { startTestService } from './support/test-service.ts';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;

type StatusChange = { printer: string; from: string; to: string };

test('given the printer’s plug pulled while orders arrive, then the log, the API and `audit offline` tell the same story', async () => {
  const app = await startTestService();
  const env = serviceEnvironment(app);
  let queueWhileOffline: QueueSummary | undefined;
  let outage: Outage;
  try {
    // When: two orders print, the plug is pulled, three orders arrive, the plug goes back in.
    outage = await printerOutage(app, async () => {
      queueWhileOffline = await app.json<QueueSummary>('/offline/queue/status');
    });
    const duringIds = outage.during.map((order) => order.id);

    // The log: the period is bounded by the printer's two status changes.
    const store = app.service.store;
    const changes = store.read({ types: ['PrinterStatusChanged'] });
    const down = changes.find((e) => e.recordedAt === outage.offlineAt) as StoredEvent;
    const up = changes.find((e) => e.recordedAt === outage.onlineAt) as StoredEvent;
    assert.is((down.data as StatusChange).to, 'offline');
    assert.is((up.data as StatusChange).from, 'offline');
    assert.is((up.data as StatusChange).to, 'online');
    const received = store
      .read({ types: ['OrderReceived'], from: outage.offlineAt, to: outage.onlineAt })
      .map((e) => (e.data as { order: { id: string } }).order.id);
    assert.equal(received, duringIds, 'the log holds the outage’s orders between the two changes');
    const bufferedJobs = new Set(
      store
        .read({ types: ['PrintJobQueued'], from: outage.offlineAt, to: outage.onlineAt })
        .map((e) => (e.data as { jobId: string }).jobId),
    );
    const backlogDone = store
      .read({ types: ['PrintJobPrinted'] })
      .filter((e) => bufferedJobs.has((e.data as { jobId: string }).jobId))
      .at(-1) as StoredEvent;
    assert.ok(backlogDone.recordedAt >= outage.onlineAt, 'the backlog printed after the plug went back in');

    // GET /connectivity/events: the same two changes, same positions, same times.
    const connectivity = await app.json<{ events: StoredEvent[] }>('/connectivity/events?limit=500');
    const seen = connectivity.events.filter((e) => e.type === 'PrinterStatusChanged');
    assert.ok(seen.some((e) => e.position === down.position && e.recordedAt === outage.offlineAt));
    assert.ok(seen.some((e) => e.position === up.position && e.recordedAt === outage.onlineAt));

    // GET /offline/queue/status: six tickets waited during the outage; none wait now.
    assert.ok(queueWhileOffline);
    assert.is(queueWhileOffline.byState.printed, 4);
    assert.is(queueWhileOffline.total - queueWhileOffline.byState.printed, 6);
    assert.ok(queueWhileOffline.oldestWaitingMs !== null);
    const queueNow = await app.json<QueueSummary>('/offline/queue/status');
    assert.is(queueNow.byState.printed, 10);
    assert.is(queueNow.oldestWaitingMs, null);

    // GET /api/offline-periods: one printer period with the log's bounds, orders and backlog.
    const { offlinePeriods } = await app.json<{ offlinePeriods: OfflinePeriod[] }>(
      '/api/offline-periods?component=printer:printer',
    );
    assert.is(offlinePeriods.length, 1);
    const period = offlinePeriods[0] as OfflinePeriod;
    assert.is(period.start, outage.offlineAt);
    assert.is(period.end, outage.onlineAt);
    assert.is(period.durationMs, Date.parse(outage.onlineAt) - Date.parse(outage.offlineAt));
    assert.equal(period.ordersReceived, duringIds);
    assert.is(period.jobsBuffered, 6);
    assert.is(period.backlogPrintedAfterMs, Date.parse(backlogDone.recordedAt) - Date.parse(outage.onlineAt));
  } finally {
    await app.stop();
  }

  // `audit offline`: the operator's table, replayed from the log on disk, says the same.
  const from = new Date(Date.parse(outage.offlineAt) - 60_000).toISOString();
  const to = new Date(Date.parse(outage.onlineAt) + 60_000).toISOString();
  const table = await cli(['audit', 'offline', '--from', from, '--to', to], env);
  assert.is(table.code, 0, table.err);
  const row = table.out.split('\n').find((line) => line.startsWith('printer:printer')) as string;
  const cells = row.split(/\s{2,}/);
  assert.equal(cells.slice(0, 3), ['printer:printer', outage.offlineAt, outage.onlineAt]);
  assert.equal(cells.slice(4, 7), ['offline', '3', '6']);
  const json = await cli(['audit', 'offline', '--from', from, '--to', to, '--json'], env);
  const [fromCli] = (JSON.parse(json.out) as { offlinePeriods: OfflinePeriod[] }).offlinePeriods.filter(
    (p) => p.component === 'printer:printer',
  );
  assert.equal(
    fromCli?.ordersReceived,
    outage.during.map((order) => order.id),
  );

  const story = `$ bonrelay audit offline --from ${from} --to ${to}\n${table.out}`;
  process.stdout.write(`\n${story}\n`);
  mkdirSync(join(repositoryRoot, 'test-output'), { recursive: true });
  writeFileSync(join(repositoryRoot, 'test-output', 'audit-story.txt'), story);
});

test.run();
