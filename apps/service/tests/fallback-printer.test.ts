import { type PrinterEmulator, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook, type WixOrder } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, countOf, serviceEnvironment } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

/** The kitchen printer (the service's own emulator) and the bar printer beside it. */
async function kitchenAndBar(): Promise<{ app: TestService; bar: PrinterEmulator }> {
  const kitchen = await startPrinterEmulator({ controlPort: false });
  const bar = await startPrinterEmulator({ controlPort: false });
  const app = await startTestService({
    printer: kitchen,
    env: { BONRELAY_PRINTER_URL: '' },
    config: {
      printers: [
        { name: 'kitchen', url: kitchen.url },
        { name: 'bar', url: bar.url },
      ],
      routing: { kitchen: 'kitchen', customer: 'bar', fallback: { kitchen: 'bar' } },
      printing: {
        connectTimeoutMs: 300,
        statusTimeoutMs: 300,
        completionTimeoutMs: 2000,
        backoff: { baseMs: 50, factor: 2, capMs: 400 },
        fallbackAfterMs: 400,
      },
    },
  });
  return { app, bar };
}

async function order(app: TestService, overrides: Partial<WixOrder> = {}): Promise<WixOrder> {
  const placed = makeWixOrder(overrides as never);
  const jwt = await signWixWebhook(orderCreatedDelivery(placed), app.keys.privateKey);
  assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
  return placed;
}

/** The first time the log saw `printer` turn `to` a status, if it did. */
function statusChange(app: TestService, printer: string, to: string) {
  return app.service.store.read({ types: ['PrinterStatusChanged'] }).find((event) => {
    const data = event.data as { printer: string; to: string };
    return data.printer === printer && data.to === to;
  });
}

const statusOf = (app: TestService, printer: string, to: string) =>
  statusChange(app, printer, to) !== undefined;

const kitchenTicketsOn = (printer: PrinterEmulator) =>
  printer.jobs.filter((job) => job.text.includes('KITCHEN') && !job.text.includes('TEST'));

test('the kitchen printer out of paper for the fallback wait: its tickets print on the bar, marked, most urgent first; back, it gets new tickets again', async () => {
  const { app, bar } = await kitchenAndBar();
  try {
    await eventually(
      'both printers seen',
      () => statusOf(app, 'kitchen', 'online') && statusOf(app, 'bar', 'online'),
    );
    // The kitchen's fallback wait counts from the moment it was seen down, not from the orders: with
    // the bar out too, nothing can fail over, so both tickets are surely waiting when it can.
    await bar.setMode('paper-end');
    await eventually('the bar seen out of paper', () => statusOf(app, 'bar', 'paper-end'));
    await app.printer.setMode('paper-end');
    await eventually('the kitchen seen out of paper', () => statusOf(app, 'kitchen', 'paper-end'));
    const normal = await order(app);
    const urgent = await order(app, { buyerNote: 'Erdnuss-Allergie!' } as Partial<WixOrder>);
    await eventually('both kitchen tickets waiting for the kitchen printer', async () => {
      const { printJobs } = await app.json<{ printJobs: unknown[] }>(
        '/api/print-jobs?printer=kitchen&state=queued',
      );
      return printJobs.length === 2;
    });
    assert.is(countOf(app, 'PrinterFailedOver'), 0, 'no fail-over to a printer that cannot print either');

    await bar.setMode('online');
    await eventually('failed over', () => countOf(app, 'PrinterFailedOver') === 1);
    await eventually('both kitchen tickets printed on the bar', () => kitchenTicketsOn(bar).length === 2);
    const [first, second] = kitchenTicketsOn(bar);
    assert.ok(first!.text.includes('FALLBACK - FOR KITCHEN'), first!.text);
    assert.ok(first!.text.includes(urgent.number!), 'the allergy order first');
    assert.ok(second!.text.includes(normal.number!));
    for (const ticket of [first, second]) {
      assert.not.ok(ticket!.text.includes('POSSIBLE DUPLICATE'), 'the kitchen never had it');
    }
    assert.is(kitchenTicketsOn(app.printer).length, 0, 'nothing printed on the kitchen printer');
    const failedOver = app.service.store.read({ types: ['PrinterFailedOver'] })[0]!;
    const kitchenDown = statusChange(app, 'kitchen', 'paper-end')!;
    assert.equal(failedOver.data, {
      printer: 'kitchen',
      fallback: 'bar',
      downSince: kitchenDown.recordedAt,
      waiting: 2,
    });
    assert.ok(
      Date.parse(failedOver.recordedAt) - Date.parse(kitchenDown.recordedAt) >= 400,
      'not before the kitchen was down for the fallback wait',
    );

    await app.printer.setMode('online');
    await eventually('failed back', () => countOf(app, 'PrinterFailedBack') === 1);
    const { offlinePeriods } = await app.json<{
      offlinePeriods: { component: string; fallback?: { printer: string; ticketsMoved: number } }[];
    }>('/api/offline-periods?component=printer:kitchen');
    assert.equal(
      offlinePeriods.map((period) => [period.fallback?.printer, period.fallback?.ticketsMoved]),
      [['bar', 2]],
      'the audit counts the fail-over of the outage and the tickets it moved',
    );
    const audit = await cli(['audit', 'offline', '--component', 'printer:kitchen'], {
      ...serviceEnvironment(app),
      BONRELAY_PRINTER_URL: '',
      BONRELAY_LOCALE: 'de-DE',
    });
    assert.match(audit.out, /^printer:kitchen .* bar \(2 Bons\)$/m, audit.out);
    const later = await order(app);
    await eventually('the next kitchen ticket printed on the kitchen printer', () =>
      kitchenTicketsOn(app.printer).some((job) => job.text.includes(later.number!)),
    );
    assert.not.ok(kitchenTicketsOn(app.printer)[0]!.text.includes('FALLBACK'));
    assert.is(kitchenTicketsOn(bar).length, 2, 'and not on the bar');
    const jobs = await app.json<{ printJobs: { jobId: string; printer: string; fallbackFor?: string }[] }>(
      `/api/print-jobs?order=${normal.id}`,
    );
    assert.equal(
      jobs.printJobs.find((job) => job.jobId.endsWith('/kitchen')),
      {
        ...jobs.printJobs.find((job) => job.jobId.endsWith('/kitchen')),
        printer: 'bar',
        fallbackFor: 'kitchen',
      },
    );
  } finally {
    await app.stop();
    await Promise.all([app.printer.close(), bar.close()]);
  }
});

test.run();
