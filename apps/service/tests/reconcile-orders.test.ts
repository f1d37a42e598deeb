import type { EventDataByType } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';
import { type PrinterEmulator, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { type FakeWixApi, makeWixOrder, startFakeWixApi, type WixOrder } from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf, postWixOrder } from './cli-scenario.ts';
import {
  eventually,
  startTestService,
  type TestService,
  type TestServiceOptions,
} from './support/test-service.ts';

const apiKey = 'fake-wix-api-key';
const siteId = 'fake-site-id';

interface Context {
  wix: FakeWixApi;
  app: TestService;
  printer?: PrinterEmulator;
}
const reconcile = suite<Context>('reconciliation against the fake Wix REST API');

/** Orders created in the last minutes, oldest first, as Wix would hold them. */
function recentOrders(count: number, overrides: Partial<WixOrder> = {}): WixOrder[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, n) =>
    makeWixOrder({ createdDate: new Date(now - (count - n) * 1_000).toISOString(), ...overrides }),
  );
}

async function start(context: Context, options: TestServiceOptions = {}, orders: WixOrder[] = []) {
  context.wix = await startFakeWixApi({ apiKey, siteId, orders });
  context.app = await startTestService({
    ...options,
    config: { wix: { retries: 1, retryDelayMs: 10 }, ...options.config },
    env: {
      BONRELAY_WIX_API_BASE: context.wix.baseUrl,
      BONRELAY_WIX_API_KEY: apiKey,
      BONRELAY_WIX_SITE_ID: siteId,
      ...options.env,
    },
  });
  // The service reconciles once at start; the specifications begin after that.
  await eventually(
    'the start-up reconciliation',
    () => countOf(context.app, 'ReconciliationCompleted') === 1,
  );
}

reconcile.after.each(async (context) => {
  await context.app.stop();
  await context.wix.close();
  await context.printer?.close();
  context.printer = undefined;
});

function received(app: TestService): StoredEvent[] {
  return app.service.store.read({ types: ['OrderReceived'] });
}
const orderIdOf = (event: StoredEvent) => (event.data as EventDataByType['OrderReceived']).order.id;

function lastOf<T>(app: TestService, type: string): T {
  return app.service.store.read({ types: [type] }).at(-1)?.data as T;
}

reconcile(
  'given two orders came by webhook and three never did, when POST /commands/reconcile, then only the three are appended, as reconciliation, and print',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const orders = recentOrders(5);
    const [first, second, ...missed] = orders as [WixOrder, WixOrder, ...WixOrder[]];
    await postWixOrder(app, first);
    await postWixOrder(app, second);
    for (const order of orders) wix.addOrder(order);

    const response = await app.request('POST', '/commands/reconcile');
    assert.is(response.status, 200);
    const report = (await response.json()) as { ok: boolean; found: number; appended: number };
    assert.equal([report.ok, report.found, report.appended], [true, 5, 3]);

    const completed = lastOf<EventDataByType['ReconciliationCompleted']>(app, 'ReconciliationCompleted');
    assert.equal([completed.found, completed.appended], [5, 3]);
    const all = received(app);
    assert.equal(
      all.map(orderIdOf),
      orders.map((order) => order.id),
    );
    const fromWixApi = all.slice(2);
    for (const event of fromWixApi) {
      assert.is((event.metadata as { source: string }).source, 'reconciliation');
      assert.is((event.data as EventDataByType['OrderReceived']).order.source, 'reconciliation');
    }
    const queued = app.service.store
      .read({ types: ['PrintJobQueued'] })
      .map((event) => (event.data as EventDataByType['PrintJobQueued']).orderId);
    for (const order of missed)
      assert.is(queued.filter((id) => id === order.id).length, 2, 'kitchen + customer');
    await eventually('every ticket printed', () => countOf(app, 'PrintJobPrinted') === 10);

    const again = (await (await app.request('POST', '/commands/reconcile')).json()) as { appended: number };
    assert.is(again.appended, 0, 'a second run finds nothing new');
    assert.is(received(app).length, 5);
  },
);

reconcile(
  'given more missed orders than one Wix page holds, when the service reconciles, then it follows the cursor to the end',
  async (context) => {
    // The printer is off so the 130 tickets simply wait.
    context.printer = await startPrinterEmulator({ mode: 'offline', controlPort: false });
    const options = { printer: context.printer, config: { tickets: { enabled: ['kitchen'] } } };
    await start(context, options, recentOrders(130));
    const { app, wix } = context;
    const completed = lastOf<EventDataByType['ReconciliationCompleted']>(app, 'ReconciliationCompleted');
    assert.equal([completed.found, completed.appended], [130, 130]);
    const searches = wix.requests.filter((request) => request.path === '/ecom/v1/orders/search');
    assert.is(searches.length, 2, '100 + 30');
    assert.is(new Set(received(app).map(orderIdOf)).size, 130);
    assert.is(countOf(app, 'PrintJobQueued'), 130);
  },
);

reconcile(
  'given Wix answers 500, when POST /commands/reconcile, then ReconciliationFailed is logged and 503; once Wix heals, it works',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    wix.setFault('error-500');
    for (const order of recentOrders(2)) wix.addOrder(order);
    const failed = await app.request('POST', '/commands/reconcile');
    assert.is(failed.status, 503);
    assert.is(((await failed.json()) as { ok: boolean }).ok, false);
    const logged = lastOf<EventDataByType['ReconciliationFailed']>(app, 'ReconciliationFailed');
    assert.match(logged.error, /500/);
    assert.is(received(app).length, 0);

    wix.setFault('none');
    const healed = await app.request('POST', '/commands/reconcile');
    assert.is(healed.status, 200);
    assert.is(((await healed.json()) as { appended: number }).appended, 2);
  },
);

reconcile(
  'given a webhook arriving while the reconciliation waits for Wix, when both carry the same order, then it is one order with one set of tickets',
  async (context) => {
    await start(context);
    const { app, wix } = context;
    const [order] = recentOrders(1) as [WixOrder];
    wix.addOrder(order);
    wix.setFault('slow', { delayMs: 400, times: 1 });
    const pending = app.request('POST', '/commands/reconcile');
    await eventually('the search is in flight', () =>
      wix.requests.some((request) => request.fault === 'slow'),
    );
    await postWixOrder(app, order);
    const report = (await (await pending).json()) as { found: number; appended: number };
    assert.equal([report.found, report.appended], [1, 0]);
    assert.equal(received(app).map(orderIdOf), [order.id]);
    const jobs = app.service.store
      .read({ types: ['PrintJobQueued'] })
      .filter((event) => (event.data as EventDataByType['PrintJobQueued']).orderId === order.id);
    assert.is(jobs.length, 2);
  },
);

reconcile.run();
