import { join } from 'node:path';
import { fakeUsbSysfs as fakeSysfs } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findUsbPrinters, parsePrinterUrl, resolveUsbPrinter, type UsbIdAddress } from '../src/index.ts';

const epson = { idVendor: '04b8', idProduct: '0e32', manufacturer: 'EPSON', product: 'TM-m30III' };
const byId = (url: string) => parsePrinterUrl(url) as UsbIdAddress;

test('given two printers plugged in, when sysfs is scanned, then both are listed with ids, serial and lpN', async () => {
  const sysfs = fakeSysfs();
  sysfs.plug('lp0', '1-1', { ...epson, serial: 'X5E1000001' });
  sysfs.plug('lp1', '1-2', { idVendor: '0519', idProduct: '0003' });
  const found = await findUsbPrinters(sysfs.roots);
  assert.equal(found, [
    {
      name: 'lp0',
      device: { kind: 'usb-device', path: join(sysfs.roots.devRoot, 'usb', 'lp0') },
      vendorId: '04b8',
      productId: '0e32',
      serial: 'X5E1000001',
      manufacturer: 'EPSON',
      product: 'TM-m30III',
    },
    {
      name: 'lp1',
      device: { kind: 'usb-device', path: join(sysfs.roots.devRoot, 'usb', 'lp1') },
      vendorId: '0519',
      productId: '0003',
    },
  ]);
});

test('given no sysfs at all, when scanned, then no printers (not an error)', async () => {
  assert.equal(await findUsbPrinters({ sysfsRoot: '/nonexistent-sysfs', devRoot: '/dev' }), []);
});

test('given usb://04b8:0e32, when the printer is re-plugged as lp1, then it is found at lp1', async () => {
  const sysfs = fakeSysfs();
  sysfs.plug('lp0', '1-1', epson);
  const first = await resolveUsbPrinter(byId('usb://04b8:0e32'), sysfs.roots);
  assert.equal(first, {
    ok: true,
    device: { kind: 'usb-device', path: join(sysfs.roots.devRoot, 'usb/lp0') },
  });
  sysfs.unplug('lp0');
  const gone = await resolveUsbPrinter(byId('usb://04b8:0e32'), sysfs.roots);
  assert.equal(gone, { ok: false, detail: 'no USB printer 04b8:0e32 is plugged in' });
  sysfs.plug('lp1', '1-3', epson);
  const again = await resolveUsbPrinter(byId('usb://04b8:0e32'), sysfs.roots);
  assert.equal(again, {
    ok: true,
    device: { kind: 'usb-device', path: join(sysfs.roots.devRoot, 'usb/lp1') },
  });
});

test('given two identical printers, when named without serial, then it refuses to guess; with serial, it finds one', async () => {
  const sysfs = fakeSysfs();
  sysfs.plug('lp0', '1-1', { ...epson, serial: 'KITCHEN1' });
  sysfs.plug('lp1', '1-2', { ...epson, serial: 'BAR22' });
  const ambiguous = await resolveUsbPrinter(byId('usb://04b8:0e32'), sysfs.roots);
  assert.is(ambiguous.ok, false);
  assert.match(
    ambiguous.ok ? '' : ambiguous.detail,
    '2 USB printers match 04b8:0e32 (lp0, lp1); add the serial',
  );
  const bar = await resolveUsbPrinter(byId('usb://04b8:0e32:BAR22'), sysfs.roots);
  assert.equal(bar, { ok: true, device: { kind: 'usb-device', path: join(sysfs.roots.devRoot, 'usb/lp1') } });
  const other = await resolveUsbPrinter(byId('usb://04b8:0e32:NOPE'), sysfs.roots);
  assert.equal(other, { ok: false, detail: 'no USB printer 04b8:0e32 serial NOPE is plugged in' });
});

test.run();
