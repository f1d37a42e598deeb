import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventDataByType, type OrderView, streams } from '@bonrelay/domain';
import { type EventStore, openEventStore } from '@bonrelay/event-store';
import { createWixClient } from '@bonrelay/wix';
import { type FakeWixApi, makeWixOrder, startFakeWixApi } from '@bonrelay/wix-fake';
import { VirtualTimeScheduler } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CatchUpReport } from '../src/reconciliation/catch-up-pass.ts';
import { type PeriodicCatchUp, startPeriodicCatchUp } from '../src/reconciliation/periodic-catch-up.ts';
import { eventually } from './support/test-service.ts';

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';
const minute = 60_000;
const margin = 10 * minute;
/** Wix's clock stands still in these specs, so the fixtures' dates stay inside the lookback whatever day they run. */
const wixTime = new Date('2026-11-30T18:05:00.000Z');

interface Context {
  wix: FakeWixApi;
  store: EventStore;
  file: string;
  scheduler: VirtualTimeScheduler;
  catchUp?: PeriodicCatchUp;
  reports: CatchUpReport[];
}
const cadence = suite<Context>('the catch-up timer, in virtual time, against the fake Wix API');

cadence.before.each(async (context) => {
  context.wix = await startFakeWixApi({ apiKey, siteId });
  context.file = join(mkdtempSync(join(tmpdir(), 'bonrelay-catch-up-')), 'log.db');
  context.store = openEventStore({ file: context.file });
  context.reports = [];
});

cadence.after.each(async (context) => {
  context.catchUp?.stop();
  context.store.close();
  await context.wix.close();
});

/** The orders the log holds, as the orders table would answer for them. */
function knownOrder(store: EventStore, orderId: string): OrderView | undefined {
  const received = store.readStream(streams.order(orderId)).find((event) => event.type === 'OrderReceived');
  if (!received) return undefined;
  const { order } = received.data as EventDataByType['OrderReceived'];
  return { orderId, status: order.status, canceled: false, order } as OrderView;
}

function start(context: Context, online = true): PeriodicCatchUp {
  const { store, wix } = context;
  context.scheduler = new VirtualTimeScheduler();
  context.catchUp = startPeriodicCatchUp({
    store,
    client: createWixClient({
      baseUrl: wix.baseUrl,
      apiKey,
      siteId,
      timeoutMs: 2_000,
      retries: 0,
      retryDelayMs: 1,
    }),
    orders: { order: (orderId) => knownOrder(store, orderId) },
    consequences: () => [],
    wixNow: () => wixTime,
    safetyMarginMs: margin,
    lookbackMs: 86_400_000,
    scheduler: context.scheduler,
    intervalMs: minute,
    online: () => online,
    onFindings: () => {},
    onPass: (report) => context.reports.push(report),
    onError: (error) => {
      throw error;
    },
  });
  return context.catchUp;
}

/** Lets virtual time reach `ms`, then waits (really) for the pass that timer started to end. */
async function advanceTo(context: Context, ms: number) {
  const passes = context.reports.length;
  context.scheduler.maxFrames = ms;
  context.scheduler.flush();
  context.scheduler.frame = ms;
  if (ms % minute === 0) await eventually('the pass', () => context.reports.length > passes);
}

cadence(
  'given all is well, when ten minutes pass, then ten searches are sent and the log stays empty',
  async (context) => {
    start(context);
    await advanceTo(context, minute - 1);
    assert.is(context.wix.requests.length, 0, 'nothing before the first minute');
    for (let n = 1; n <= 10; n++) await advanceTo(context, n * minute);
    assert.is(context.wix.requests.length, 10, 'one request a minute');
    assert.is(context.store.lastPosition(), 0, 'quiet passes append nothing');
  },
);

cadence(
  'given a pass brought an order in, when the service restarts, then the next pass resumes from the recorded cursor (Wix time)',
  async (context) => {
    const changedAt = '2026-11-30T18:00:00.000Z';
    const order = makeWixOrder({ createdDate: changedAt, updatedDate: changedAt } as never);
    context.wix.addOrder(order);
    const first = start(context);
    const report = await first.passNow();
    assert.equal(report.ok && [report.appended, report.cursor], [1, changedAt]);
    const recorded = context.store.read({ types: ['WixCatchUpCompleted'] });
    assert.is((recorded[0]?.data as EventDataByType['WixCatchUpCompleted'] | undefined)?.cursor, changedAt);
    first.stop();

    const again = start(context);
    const resumed = await again.passNow();
    assert.is(resumed.from, new Date(Date.parse(changedAt) - margin).toISOString());
    assert.equal(resumed.ok && [resumed.found, resumed.appended], [1, 0]);
    assert.is(context.store.read({ types: ['WixCatchUpCompleted'] }).length, 1);
  },
);

cadence(
  'given the internet monitor says offline, when the minute comes, then no pass runs',
  async (context) => {
    start(context, false);
    await advanceTo(context, 5 * minute + 1);
    assert.is(context.wix.requests.length, 0);
  },
);

cadence(
  'given Wix answers 500, when a pass runs, then it reports the failure and appends nothing',
  async (context) => {
    context.wix.setFault('error-500');
    const report = await start(context).passNow();
    assert.is(report.ok, false);
    assert.match(report.ok ? '' : report.error, /500/);
    assert.is(context.store.lastPosition(), 0);
    assert.is(context.reports.length, 1);
  },
);

cadence.run();
