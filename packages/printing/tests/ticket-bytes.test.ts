import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defaultTicketLayout,
  renderCustomerReceipt,
  renderDriverSlip,
  renderKitchenTicket,
  toEscPos,
  toPlainText,
} from '../src/tickets/index.ts';
import { matchGolden } from './fixtures/golden-file.ts';
import { delivery, firstPrint, germanLayout, kaesespaetzle, unpaidCashDelivery } from './fixtures/orders.ts';

const update = process.env.UPDATE_GOLDEN === '1';
const ESC = 0x1b;

// The bytes as a reviewable hex dump, 32 bytes a line.
function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 32) lines.push(bytes.subarray(at, at + 32).toString('hex'));
  return `${lines.join('\n')}\n`;
}

// Code page 437 (ESC t 0), where receiptline prints German letters on the default encoding.
const cp437 = { Ä: 0x8e, Ö: 0x99, Ü: 0x9a, ä: 0x84, ö: 0x94, ü: 0x81, ß: 0xe1 } as const;

test('the default code page is the one every printer starts with, multilingual', () => {
  assert.is(defaultTicketLayout.encoding, 'multilingual');
  assert.is(germanLayout.encoding, 'multilingual');
});

test('given the German kitchen ticket for Käsespätzle, when sent to the printer, then its bytes match the golden file', () => {
  const bytes = toEscPos(renderKitchenTicket(kaesespaetzle, firstPrint, germanLayout), germanLayout);
  matchGolden(
    join(import.meta.dirname, 'golden', 'de-DE', 'kitchen-kaesespaetzle.escpos.hex'),
    hexDump(bytes),
    update,
  );
});

test('given KÜCHE, Käsespätzle, Müßig and Grüße, when sent to the printer, then Ü, ä, ü and ß are code page 437 bytes, never ?', () => {
  const bytes = toEscPos(renderKitchenTicket(kaesespaetzle, firstPrint, germanLayout), germanLayout);
  assert.ok(bytes.includes(Buffer.from([ESC, 0x74, 0x00])), 'code page 437 is selected');
  assert.ok(bytes.includes(Buffer.from([0x4b, ESC, 0x74, 0x00, cp437.Ü, 0x43, 0x48, 0x45])), 'KÜCHE');
  for (const letter of ['ä', 'ü', 'ß'] as const) assert.ok(bytes.includes(cp437[letter]), letter);
  assert.not.ok(bytes.includes(0x3f), 'no ? anywhere on the ticket');
});

test('given Straße and Liefergebühr, when sent to the printer, then ß and ü are code page bytes, never ?', () => {
  const slip = renderDriverSlip(unpaidCashDelivery, firstPrint, germanLayout) as string;
  const bytes = toEscPos(slip, germanLayout);
  assert.ok(bytes.includes(Buffer.from([0x54, 0x6f, 0x72, 0x73, 0x74, 0x72, 0x61])), 'Torstra');
  assert.ok(bytes.includes(cp437.ß));
  // Without the review QR code, whose link holds a real `?`.
  const noQr = { ...germanLayout, customerQrUrl: undefined };
  const receipt = toEscPos(renderCustomerReceipt(delivery, firstPrint, noQr), noQr);
  assert.ok(receipt.includes(cp437.ü), 'Liefergebühr');
  assert.not.ok(receipt.includes(0x3f));
});

test('given a printer on code page 437 (no €), when the German receipt prints, then the total reads 30,00 EUR, never ?', () => {
  const cp437Printer = { ...germanLayout, encoding: 'cp437' as const, customerQrUrl: undefined };
  const doc = renderCustomerReceipt(delivery, firstPrint, cp437Printer);
  const text = toPlainText(doc, cp437Printer);
  assert.match(text, /SUMME +30,00 EUR\n/);
  assert.not.match(text, /\?/);
  assert.not.ok(toEscPos(doc, cp437Printer).includes(0x3f));
  const driver = renderDriverSlip(unpaidCashDelivery, firstPrint, cp437Printer) as string;
  assert.match(driver, /\^\^\^28,10 EUR/);
});

test('given a printer on cp858 (with €), when the German receipt prints, then the total reads 30,00 € with the code page €', () => {
  const cp858Printer = { ...germanLayout, encoding: 'cp858' as const };
  const doc = renderCustomerReceipt(delivery, firstPrint, cp858Printer);
  assert.match(toPlainText(doc, cp858Printer), /SUMME +30,00 €\n/);
  assert.ok(
    toEscPos(doc, cp858Printer).includes(Buffer.from([0x33, 0x30, 0x2c, 0x30, 0x30, 0x20, 0xd5])),
    '€ is 0xD5 in cp858',
  );
});

test.run();
