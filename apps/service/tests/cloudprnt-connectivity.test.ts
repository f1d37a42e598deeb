import { priorityRank, ticketRank } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsOf, placeOrder, startCloudprntService } from './support/cloudprnt-service.ts';
import {
  cloudprntTestPollIntervalMs,
  startCloudprntPrinterUnderTest,
} from './support/printer-under-test/cloudprnt.ts';
import { eventually, type TestService } from './support/test-service.ts';

type Job = {
  jobId: string;
  ticket: 'kitchen' | 'customer' | 'driver';
  priority: 'critical' | 'high' | 'normal';
};
type StatusChange = { to: string; reason: string };

const printing = {
  printing: { maxAttempts: 50, breakerFailureThreshold: 3, backoff: { baseMs: 40, factor: 2, capMs: 300 } },
};

const statusChanges = (app: TestService) => eventsOf<StatusChange>(app, 'PrinterStatusChanged');
const printedJobIds = (app: TestService) =>
  eventsOf<{ jobId: string }>(app, 'PrintJobPrinted').map((e) => e.jobId);

async function seen(app: TestService, status: string, after = 0): Promise<StatusChange> {
  return eventually(`the printer seen ${status}`, () =>
    statusChanges(app)
      .slice(after)
      .find((change) => change.to === status),
  );
}

test('a printer that stops polling is offline after 3 intervals, audited as an outage, and online at its next poll', async () => {
  const kitchen = await startCloudprntPrinterUnderTest();
  const app = await startCloudprntService({ kitchen });
  try {
    await seen(app, 'online');
    const before = statusChanges(app).length;
    await kitchen.unplug();
    const unpluggedAt = Date.now();
    const offline = await seen(app, 'offline', before);
    const tookMs = Date.now() - unpluggedAt;
    assert.match(offline.reason, /no CloudPRNT poll for \d+ ms \(expected every 100 ms\)/);
    assert.ok(
      tookMs >= 3 * cloudprntTestPollIntervalMs - 50,
      `offline after ${tookMs} ms, not before 3 intervals`,
    );
    await kitchen.replug();
    await seen(app, 'online', before + 1);
    const periods = await app.json<{ offlinePeriods: { component: string; end?: string }[] }>(
      '/api/offline-periods?component=printer:kitchen',
    );
    assert.is(periods.offlinePeriods.length, 1);
    assert.ok(periods.offlinePeriods[0]?.end, 'the outage is closed');
    console.log(`cloudprnt: offline ${tookMs} ms after the last poll stopped (poll interval 100 ms)`);
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('orders during an outage all wait; when the printer polls again they print by priority, each once', async () => {
  const kitchen = await startCloudprntPrinterUnderTest();
  const app = await startCloudprntService({ kitchen }, { config: printing });
  try {
    await seen(app, 'online');
    await kitchen.unplug();
    await seen(app, 'offline');
    for (let n = 0; n < 12; n++) {
      await placeOrder(app, {
        ...(n % 5 === 3 ? { buyerNote: 'Nussallergie! nut allergy' } : {}),
        ...(n % 4 === 2
          ? { priceSummary: { subtotal: { amount: '150.00' }, total: { amount: '150.00' } } }
          : {}),
      } as never);
    }
    const jobs = new Map(
      eventsOf<Job>(app, 'PrintJobQueued').map((job, position) => [job.jobId, { ...job, position }]),
    );
    assert.is(jobs.size, 24);
    assert.is(printedJobIds(app).length, 0, 'nothing printed while the printer is away');
    const backAt = Date.now();
    await kitchen.replug();
    await eventually('the first ticket after the return', () => printedJobIds(app).length > 0);
    const firstTicketMs = Date.now() - backAt;
    await eventually('every ticket printed', () => printedJobIds(app).length === 24, 30_000);
    const drainMs = Date.now() - backAt;
    assert.is(kitchen.printed().length, 24, 'the printer printed each ticket exactly once');
    const order = printedJobIds(app).map((jobId) => jobs.get(jobId) as Job & { position: number });
    const rank = (job: Job & { position: number }) => [
      priorityRank[job.priority],
      ticketRank[job.ticket],
      job.position,
    ];
    for (let index = 1; index < order.length; index++) {
      const [a, b] = [rank(order[index - 1] as never), rank(order[index] as never)] as number[][];
      const inOrder =
        a![0]! < b![0]! || (a![0] === b![0] && (a![1]! < b![1]! || (a![1] === b![1] && a![2]! <= b![2]!)));
      assert.ok(inOrder, `ticket ${index} printed out of priority order`);
    }
    assert.is(order[0]?.priority, 'critical');
    console.log(
      `cloudprnt: first ticket ${firstTicketMs} ms after the printer polled again; 24 tickets in ${drainMs} ms ` +
        `(${((24 * 1000) / drainMs).toFixed(1)} tickets/s)`,
    );
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('paper runs out mid-backlog: the printer fetches nothing while out, nothing is lost, and the rest prints after the refill', async () => {
  const kitchen = await startCloudprntPrinterUnderTest({ slowPrintMs: 60, mode: 'slow' });
  const app = await startCloudprntService({ kitchen }, { config: printing });
  try {
    for (let n = 0; n < 6; n++) await placeOrder(app);
    await eventually('two tickets out', () => printedJobIds(app).length >= 2);
    await kitchen.setMode('paper-end');
    const change = await seen(app, 'paper-end');
    assert.is(change.reason, 'CloudPRNT 410 Paper Out');
    const onPaper = kitchen.printed().length;
    assert.ok(onPaper < 12, 'the backlog is not finished while the paper is out');
    await new Promise((resolve) => setTimeout(resolve, 5 * cloudprntTestPollIntervalMs));
    assert.is(kitchen.printed().length, onPaper, 'a printer without paper takes no job');
    await kitchen.setMode('online');
    await eventually('every ticket printed', () => printedJobIds(app).length === 12, 20_000);
    assert.is(kitchen.printed().length, 12, 'each ticket on paper once');
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('the breaker opens after repeated failed downloads, lets one job test the printer, and closes when it prints', async () => {
  const kitchen = await startCloudprntPrinterUnderTest({ mode: 'reset-mid-job' });
  const app = await startCloudprntService({ kitchen }, { config: printing });
  try {
    for (let n = 0; n < 3; n++) await placeOrder(app);
    const breaker = () =>
      eventsOf<{ from: string; to: string }>(app, 'PrinterBreakerChanged').map((e) => e.to);
    await eventually('the breaker open, then half-open to test', () =>
      breaker().join().includes('open,half-open'),
    );
    assert.equal(breaker()[0], 'open');
    await kitchen.setMode('online');
    await eventually('every ticket printed', () => printedJobIds(app).length === 6, 20_000);
    assert.is(breaker().at(-1), 'closed');
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test.run();
