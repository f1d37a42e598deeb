import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PrinterUrlError, parsePrinterUrl } from '../src/index.ts';

test('given tcp://host:port, when parsed, then host and port come out', () => {
  assert.equal(parsePrinterUrl('tcp://192.168.1.50:9101'), { host: '192.168.1.50', port: 9101 });
});

test('given no port, when parsed, then the raw printing port 9100 is used', () => {
  assert.equal(parsePrinterUrl('tcp://kitchen-printer.local'), { host: 'kitchen-printer.local', port: 9100 });
  assert.equal(parsePrinterUrl('tcp://127.0.0.1/'), { host: '127.0.0.1', port: 9100 });
});

test('given an IPv6 literal, when parsed, then the brackets are gone', () => {
  assert.equal(parsePrinterUrl('tcp://[::1]:9100'), { host: '::1', port: 9100 });
});

for (const [url, reason] of [
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
