import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPlainText, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { transform } from 'receiptline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sendPrintJob } from '../src/index.ts';

const escpos = (doc: string) =>
  Buffer.from(transform(doc, { command: 'escpos', cpl: 48, encoding: 'multilingual' }), 'latin1');

const kitchenTicket = [
  '^^^KITCHEN',
  'Order 1042 | 19:42',
  '---',
  '2 | Margherita',
  '1 | Crème brûlée',
  '{code:https://example.com/o/1042; option:qrcode,4,L}',
  '{code:1042; option:code128,2,72,hri}',
].join('\n');

test('given a receiptline kitchen ticket, when rendered, then a person can read it as plain text', () => {
  const text = renderPlainText(escpos(kitchenTicket));
  assert.match(text, '**KITCHEN**');
  assert.match(text, /Order 1042 +19:42/);
  assert.match(text, /-{48}/);
  assert.match(text, /2 +Margherita/);
  assert.match(text, 'Crème brûlée');
  assert.match(text, '[QR: https://example.com/o/1042]');
  assert.match(text, '[BARCODE: 1042]');
  assert.match(text, `✂${'-'.repeat(47)}`);
});

test('given native QR and plain raster commands, when rendered, then both are shown by kind', () => {
  const data = Buffer.from('https://example.com/q');
  const store = Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, (data.length + 3) & 255, (data.length + 3) >> 8, 49, 80, 48]),
    data,
  ]);
  const print = Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48]);
  const blank = Buffer.from([0x1d, 0x38, 0x4c, 14, 0, 0, 0, 48, 112, 48, 1, 1, 49, 8, 0, 4, 0, 0, 0, 0, 0]);
  const printRaster = Buffer.from([0x1d, 0x28, 0x4c, 2, 0, 48, 50]);
  const text = renderPlainText(
    Buffer.concat([store, print, blank, printRaster, Buffer.from('\x1bd\x03end\x1bi')]),
  );
  assert.equal(text.split('\n'), [
    '[QR: https://example.com/q]',
    '[IMAGE 8x4]',
    '',
    '',
    '',
    'end',
    `✂${'-'.repeat(47)}`,
    '',
  ]);
});

test('given a jobs folder, when a ticket prints, then its plain text is written there too', async () => {
  const jobsDir = join(mkdtempSync(join(tmpdir(), 'bonrelay-emulator-')), 'jobs');
  const printer = await startPrinterEmulator({ controlPort: false, jobsDir });
  try {
    await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      escpos(kitchenTicket),
      {
        connectTimeoutMs: 300,
        statusTimeoutMs: 200,
        completionTimeoutMs: 500,
      },
    );
    const [job] = await printer.waitForJobs(1);
    assert.is(readFileSync(join(jobsDir, 'job-1.txt'), 'utf8'), job?.text);
  } finally {
    await printer.close();
  }
});

test.run();
