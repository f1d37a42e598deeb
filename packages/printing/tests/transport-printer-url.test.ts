import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describePrinterAddress, PrinterUrlError, parsePrinterUrl } from '../src/index.ts';

test('given tcp://host:port, when parsed, then host and port come out', () => {
  assert.equal(parsePrinterUrl('tcp://192.168.1.50:9101'), { kind: 'tcp', host: '192.168.1.50', port: 9101 });
});

test('given no port, when parsed, then the raw printing port 9100 is used', () => {
  assert.equal(parsePrinterUrl('tcp://kitchen-printer.local'), {
    kind: 'tcp',
    host: 'kitchen-printer.local',
    port: 9100,
  });
  assert.equal(parsePrinterUrl('tcp://127.0.0.1/'), { kind: 'tcp', host: '127.0.0.1', port: 9100 });
});

test('given an IPv6 literal, when parsed, then the brackets are gone', () => {
  assert.equal(parsePrinterUrl('tcp://[::1]:9100'), { kind: 'tcp', host: '::1', port: 9100 });
});

test('given usb:// and a device path, when parsed, then it names that device node', () => {
  assert.equal(parsePrinterUrl('usb:///dev/usb/lp0'), { kind: 'usb-device', path: '/dev/usb/lp0' });
  assert.equal(parsePrinterUrl('usb:///dev/bonrelay-printer-X5E1'), {
    kind: 'usb-device',
    path: '/dev/bonrelay-printer-X5E1',
  });
});

test('given usb://vendor:product[:serial], when parsed, then it names the printer by id (hex in lower case)', () => {
  assert.equal(parsePrinterUrl('usb://04b8:0e32'), { kind: 'usb-id', vendorId: '04b8', productId: '0e32' });
  assert.equal(parsePrinterUrl('USB://04B8:0E32:X5E1234567'), {
    kind: 'usb-id',
    vendorId: '04b8',
    productId: '0e32',
    serial: 'X5E1234567',
  });
});

test('given any address, when described, then it reads back as the URL', () => {
  for (const url of ['tcp://10.0.0.5:9100', 'tcp://[::1]:9100', 'usb:///dev/usb/lp1', 'usb://04b8:0e32:S1']) {
    assert.is(describePrinterAddress(parsePrinterUrl(url)), url);
  }
});

for (const [url, reason] of [
  ['usb://', 'expected usb:///dev/usb/lp0'],
  ['usb://dev/usb/lp0', 'three slashes'],
  ['usb:///', 'must name a device'],
  ['usb:///dev/usb/', 'must name a device'],
  ['usb:///dev/../etc/passwd', 'plain absolute path'],
  ['usb:///dev/usb/lp0?x=1', 'no spaces, query or fragment'],
  ['usb://04b8', 'product id "" must be 4 hex digits'],
  ['usb://4b8:0e32', 'vendor id "4b8" must be 4 hex digits'],
  ['usb://04b8:0e3g', 'product id "0e3g" must be 4 hex digits'],
  ['usb://04b8:0e32:', 'vendor:product:serial'],
  ['usb://04b8:0e32:a:b', 'vendor:product:serial'],
  ['cloud://printer', 'scheme must be tcp://, usb:// or cloudprnt://'],
  ['kitchen:9100', 'scheme'],
  ['not a url', 'expected tcp://host:port'],
  ['http://printer:9100', 'scheme'],
  ['tcp://printer:9100/print', 'path'],
  ['tcp://printer:9100?x=1', 'path'],
  ['tcp://user:pw@printer:9100', 'credentials'],
  ['tcp://printer:0', 'port'],
  ['tcp://printer:70000', 'expected tcp://host:port'],
  ['tcp://:9100', 'expected'],
] as const) {
  test(`given "${url}", when parsed, then a PrinterUrlError names the problem (${reason})`, () => {
    try {
      parsePrinterUrl(url);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, PrinterUrlError);
      assert.is((error as PrinterUrlError).url, url);
      assert.match((error as PrinterUrlError).message, reason);
    }
  });
}

test.run();
