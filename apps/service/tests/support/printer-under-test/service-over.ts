import { startTestService, type TestService, type TestServiceOptions } from '../test-service.ts';
import type { PrinterUnderTest } from './printer-under-test.ts';

/**
 * The test service printing to `printer` (its one printer, named "printer") instead of the
 * emulator the test service brings along, which then stays idle. USB presence is watched every
 * 50 ms, as fast as the test service's monitors probe.
 */
export async function startServiceOver(
  printer: PrinterUnderTest,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const app = await startTestService({
    ...options,
    env: { ...options.env, BONRELAY_PRINTER_URL: '' },
    config: {
      usb: { presenceIntervalMs: 50 },
      ...options.config,
      printers: [printer.printerConfig('printer')],
    },
  });
  await printer.attach(app.url);
  return app;
}
