import { canEmulateUsb, type FaultMode } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServiceOver } from './support/printer-under-test/service-over.ts';
import { startUsbPrinterUnderTest } from './support/printer-under-test/usb.ts';
import { eventually } from './support/test-service.ts';

const breakerFailureThreshold = 3;

/**
 * Over USB "the device took every byte" is no word from the printer: the kernel's (here the
 * pseudo-terminal's) buffers take a ticket whether the printer reads it or not. So once a USB
 * printer has answered status, no silence, however long, may turn it back into "a printer that
 * never answers" whose tickets are sent blind and recorded `written`.
 */
const silences: readonly FaultMode[] = canEmulateUsb() ? ['blackhole', 'mute'] : [];
for (const mode of silences) {
  test(`a USB printer that answered status, then stays silent (${mode}) for more than ${breakerFailureThreshold} attempts: its ticket is never recorded written, and prints confirmed once it answers again`, async () => {
    const printer = await startUsbPrinterUnderTest();
    const app = await startServiceOver(printer, {
      config: {
        printing: {
          connectTimeoutMs: 200,
          statusTimeoutMs: 100,
          completionTimeoutMs: 400,
          maxAttempts: 1_000,
          breakerFailureThreshold,
          backoff: { baseMs: 20, factor: 2, capMs: 60 },
        },
      },
    });
    try {
      // Given: the service has heard the printer answer status,
      await eventually('the printer seen answering status', () =>
        app.service.store
          .read({ types: ['PrinterStatusChanged'] })
          .some((e) => (e.data as { reason: string }).reason === 'status reply'),
      );
      // when it falls silent and a ticket waits through more silent attempts than the threshold,
      await printer.setMode(mode);
      const order = makeWixOrder({});
      const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
      assert.is(
        (await app.request('POST', '/webhooks/wix', jwt, { 'content-type': 'text/plain' })).status,
        200,
      );
      const printedEvents = () =>
        app.service.store
          .read({ types: ['PrintJobPrinted'] })
          .map((e) => e.data as { jobId: string; confirmation: string });
      await eventually(
        `${breakerFailureThreshold * 2} silent attempts (or a ticket counted printed)`,
        () =>
          printedEvents().length > 0 ||
          app.service.store.read({ types: ['PrintAttemptFailed'] }).length >= breakerFailureThreshold * 2,
        15_000,
      );

      // then nothing is counted printed while the printer says nothing,
      assert.equal(printedEvents(), [], 'no ticket printed on the word of the device buffers');
      // and once it answers again, every ticket prints on its word.
      await printer.setMode('online');
      await eventually('both tickets printed', () => printedEvents().length === 2, 15_000);
      assert.equal(
        printedEvents().map((e) => e.confirmation),
        ['confirmed', 'confirmed'],
      );
    } finally {
      await app.stop();
      await printer.close();
    }
  });
}

if (!canEmulateUsb()) console.log('socat is missing: no USB printer to test against');
test.run();
