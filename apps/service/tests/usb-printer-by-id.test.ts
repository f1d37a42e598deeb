import { join } from 'node:path';
import { canEmulateUsb, fakeUsbSysfs, startPrinterEmulator, startUsbPty } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const epson = {
  idVendor: '04b8',
  idProduct: '0e32',
  manufacturer: 'EPSON',
  product: 'TM-m30III',
  serial: 'X5E1000001',
};

const printed = (app: TestService) => app.service.store.read({ types: ['PrintJobPrinted'] }).length;
const statuses = (app: TestService) =>
  app.service.store
    .read({ types: ['PrinterStatusChanged'] })
    .map((event) => (event.data as { to: string }).to);

async function postOrder(app: TestService): Promise<void> {
  const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
  assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
}

/** The CLI's environment for a service whose config names its printers (no printer URL override). */
const cliEnvironment = (app: TestService) => ({
  BONRELAY_CONFIG: join(app.dataDir, 'config.json'),
  BONRELAY_DATA_DIR: app.dataDir,
  BONRELAY_INTERNET_PROBES: `127.0.0.1:${(app.internet.address() as { port: number }).port}`,
  BONRELAY_WIX_PUBLIC_KEY: app.keys.publicKeyPem,
  BONRELAY_LOG_LEVEL: 'silent',
});

test('given a USB printer configured by vendor:product and none plugged in, when doctor checks, then it says none is seen', async () => {
  const sysfs = fakeUsbSysfs();
  const app = await startTestService({
    env: { BONRELAY_PRINTER_URL: '' },
    config: { usb: sysfs.roots, printers: [{ name: 'kitchen', url: 'usb://04b8:0e32' }] },
  });
  try {
    const { code, out } = await cli(['doctor'], cliEnvironment(app));
    assert.is(code, 1, out);
    assert.match(out, /\[warn\] USB printers +none seen in .*class\/usbmisc/);
    assert.match(
      out,
      /\[FAIL\] printer kitchen +usb:\/\/04b8:0e32: offline \(no USB printer 04b8:0e32 is plugged in/,
    );
  } finally {
    await app.stop();
  }
});

if (canEmulateUsb()) {
  test('given usb://04b8:0e32, when the printer is re-plugged and comes back as lp1, then the service finds it there and prints; doctor lists it', async () => {
    const sysfs = fakeUsbSysfs();
    const emulator = await startPrinterEmulator({ controlPort: false });
    const device = await startUsbPty(emulator);
    sysfs.plug('lp0', '1-1', epson, device.path);
    const app = await startTestService({
      env: { BONRELAY_PRINTER_URL: '' },
      config: {
        usb: { ...sysfs.roots, presenceIntervalMs: 50 },
        printers: [{ name: 'kitchen', url: 'usb://04b8:0e32' }],
      },
    });
    try {
      await postOrder(app);
      await eventually('printed on lp0', () => printed(app) === 2);

      const doctor = await cli(['doctor'], cliEnvironment(app));
      assert.match(
        doctor.out,
        `[ok  ] USB lp0            04b8:0e32 EPSON TM-m30III serial X5E1000001 at ${sysfs.roots.devRoot}/usb/lp0 — usb://04b8:0e32:X5E1000001`,
      );
      assert.match(doctor.out, /\[ok {2}\] printer kitchen +usb:\/\/04b8:0e32: online/);

      // The cable is pulled: the kernel forgets lp0.
      sysfs.unplug('lp0');
      await device.unplug();
      await eventually('offline recorded', () => statuses(app).includes('offline'));
      await postOrder(app);

      // Plugged into another port, it comes back as lp1.
      await device.replug();
      sysfs.plug('lp1', '1-2', epson, device.path);
      await eventually('printed on lp1', () => printed(app) === 4);
      assert.is(emulator.jobs.filter((job) => job.complete).length, 4);
    } finally {
      await app.stop();
      await device.close();
      await emulator.close();
    }
  });
}

test.run();
