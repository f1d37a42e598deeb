import type { StoredEvent } from '@bonrelay/event-store';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printersUnderTest } from './support/printer-under-test/index.ts';
import { startServiceOver } from './support/printer-under-test/service-over.ts';
import { eventually, type TestService } from './support/test-service.ts';

/** The shipped monitor and printing defaults: the figures below are what a restaurant gets. */
const shippedDefaults = {
  monitor: {
    printerIdleIntervalMs: 10_000,
    printerFastIntervalMs: 250,
    printerProbeTimeoutMs: 1_000,
    printerAgreeingProbes: 2,
    internetIntervalMs: 200,
    internetAgreeingProbes: 1,
    internetProbeTimeoutMs: 300,
  },
  printing: {},
  usb: {},
};

const statusChanges = (app: TestService) =>
  app.service.store
    .read({ types: ['PrinterStatusChanged'] })
    .map((event) => ({ to: (event.data as { to: string }).to, at: Date.parse(event.recordedAt) }));
const printed = (app: TestService): StoredEvent[] => app.service.store.read({ types: ['PrintJobPrinted'] });

async function postOrder(app: TestService): Promise<void> {
  const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
  assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
}

for (const { transport, start } of printersUnderTest) {
  test(`over ${transport}: the printer goes away → offline is recorded and the queue holds; it comes back → the first ticket prints within 1 s`, async () => {
    const printer = await start();
    const app = await startServiceOver(printer, { config: shippedDefaults });
    try {
      // Given a printer that prints,
      await postOrder(app);
      await eventually('the first order printed', () => printed(app).length === 2);

      // when it goes away while orders keep coming,
      const unpluggedAt = Date.now();
      await printer.unplug();
      await postOrder(app);
      await postOrder(app);
      const offline = await eventually('offline recorded', () =>
        statusChanges(app).find((change) => change.to === 'offline' && change.at >= unpluggedAt),
      );
      assert.is(printed(app).length, 2, 'nothing prints while the printer is away');
      assert.is(app.service.store.read({ types: ['PrintJobGaveUp'] }).length, 0, 'and nothing is given up');

      // then, once it is back, the backlog prints at once.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const replugged = Date.now();
      await printer.replug();
      await eventually('the backlog printed', () => printed(app).length === 6, 15_000);
      const firstAfter = Math.min(
        ...printed(app)
          .slice(2)
          .map((event) => Date.parse(event.recordedAt)),
      );
      console.log(
        `over ${transport}: offline recorded ${offline.at - unpluggedAt} ms after the printer went away, ` +
          `first ticket ${firstAfter - replugged} ms after it came back`,
      );
      assert.ok(
        firstAfter - replugged <= 1_000,
        `first ticket ${firstAfter - replugged} ms after the printer returned`,
      );
      assert.is(printer.printed().length, 6, 'the printer holds every ticket');
      const audit = await app.json<{ offlinePeriods: { end?: string }[] }>(
        '/api/offline-periods?component=printer:printer',
      );
      assert.is(audit.offlinePeriods.length, 1, 'the outage is audited like any other');
      assert.ok(audit.offlinePeriods[0]?.end, 'and closed once the printer is back');
    } finally {
      await app.stop();
      await printer.close();
    }
  });
}

const usb = printersUnderTest.find((entry) => entry.transport === 'usb');
if (usb) {
  test('over usb: an idle printer unplugged is offline within a second, and online again within a second of the re-plug (device watch, not the 10 s probe)', async () => {
    const printer = await usb.start();
    const app = await startServiceOver(printer, {
      config: { ...shippedDefaults, usb: { presenceIntervalMs: 250 } },
    });
    try {
      await eventually('the printer seen online', () =>
        statusChanges(app).some((change) => change.to === 'online'),
      );
      const unpluggedAt = Date.now();
      await printer.unplug();
      const offline = await eventually(
        'offline recorded',
        () => statusChanges(app).find((change) => change.to === 'offline'),
        5_000,
      );
      assert.ok(offline.at - unpluggedAt <= 1_000, `offline ${offline.at - unpluggedAt} ms after the unplug`);
      const repluggedAt = Date.now();
      await printer.replug();
      const online = await eventually(
        'online again',
        () => statusChanges(app).find((change) => change.to === 'online' && change.at >= repluggedAt),
        5_000,
      );
      assert.ok(online.at - repluggedAt <= 1_000, `online ${online.at - repluggedAt} ms after the re-plug`);
    } finally {
      await app.stop();
      await printer.close();
    }
  });
}

test.run();
