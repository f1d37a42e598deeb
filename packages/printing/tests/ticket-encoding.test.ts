import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  fitTextToEncoding,
  isReceiptEncoding,
  type ReceiptEncoding,
  receiptEncodings,
  renderKitchenTicket,
  toEscPos,
  toPlainText,
  toSvg,
  UnsupportedEncodingError,
} from '../src/tickets/index.ts';
import { englishLayout, firstPrint, pho, sushi } from './fixtures/orders.ts';

const printsExactly = (text: string) =>
  receiptEncodings.filter((e) => fitTextToEncoding(text, e).text === text);

test('Käsespätzle prints exactly on the Western code pages and gb18030', () => {
  assert.equal(printsExactly('Käsespätzle'), [
    'multilingual',
    'cp437',
    'cp852',
    'cp858',
    'cp865',
    'cp1252',
    'gb18030',
  ]);
});

test('Phở prints exactly only with gb18030; every other code page prints Pho, never garbage', () => {
  assert.equal(printsExactly('Phở'), ['gb18030']);
  for (const encoding of receiptEncodings.filter((e) => e !== 'gb18030')) {
    assert.equal(
      fitTextToEncoding('Phở', encoding),
      { text: 'Pho', transliterated: true, lost: [] },
      encoding,
    );
  }
});

test('寿司 prints exactly on the Japanese and Chinese code pages', () => {
  assert.equal(printsExactly('寿司'), ['cp932', 'shiftjis', 'cp936', 'gb18030', 'big5']);
});

test('given 寿司 on a Western printer, when fitted, then it becomes ?? and reports what was lost', () => {
  assert.equal(fitTextToEncoding('寿司', 'multilingual'), {
    text: '??',
    transliterated: false,
    lost: ['寿', '司'],
  });
});

test('given German on a Japanese printer, when fitted, then umlauts are spelled out', () => {
  assert.is(fitTextToEncoding('Käsespätzle, Grüße', 'shiftjis').text, 'Kaesespaetzle, Gruesse');
  assert.is(fitTextToEncoding('„Crème“ – 5 €', 'cp437').text, '"Crème" - 5 EUR');
});

test('given an emoji made of several code points, when fitted, then it is one ? not several', () => {
  assert.equal(fitTextToEncoding('🧑‍🍳 ok', 'cp1252'), {
    text: '? ok',
    transliterated: false,
    lost: ['🧑‍🍳'],
  });
});

test('given plain ASCII or unusual spaces, when fitted, then text passes through with plain spaces', () => {
  assert.equal(fitTextToEncoding('Table\u00a012', 'cp437'), {
    text: 'Table 12',
    transliterated: false,
    lost: [],
  });
});

test('given 寿司 on a multilingual printer, when the kitchen ticket renders, then it shows ?? and says why', () => {
  const doc = renderKitchenTicket(sushi, firstPrint, englishLayout);
  const text = toPlainText(doc, englishLayout);
  assert.match(text, /3 x +\?\?/);
  assert.match(text, /\? = character this printer cannot print/);
});

test('given 寿司 on a shiftjis printer, when rendered to ESC/POS, then the Shift_JIS bytes are sent', () => {
  const layout = { ...englishLayout, encoding: 'shiftjis' as const };
  const bytes = toEscPos(renderKitchenTicket(sushi, firstPrint, layout), layout);
  assert.ok(bytes.includes(Buffer.from([0x8e, 0xf5, 0x8e, 0x69])), '寿司 in Shift_JIS');
  assert.not.match(toPlainText(renderKitchenTicket(sushi, firstPrint, layout), layout), /cannot print/);
});

test('given Phở on a gb18030 printer, when rendered, then no transliteration happens', () => {
  const layout = { ...englishLayout, encoding: 'gb18030' as const };
  assert.match(toPlainText(renderKitchenTicket(pho, firstPrint, layout), layout), /Phở bò/);
});

test('given an encoding receiptline does not know, when converted, then a typed error names it', () => {
  const paper = { cpl: 48, encoding: 'utf8' as ReceiptEncoding };
  for (const convert of [toEscPos, toSvg, toPlainText]) {
    const error = (() => {
      try {
        convert('hello', paper);
      } catch (caught) {
        return caught;
      }
    })();
    assert.instance(error, UnsupportedEncodingError);
    assert.is((error as UnsupportedEncodingError).encoding, 'utf8');
  }
  assert.not.ok(isReceiptEncoding('utf8'));
  assert.ok(isReceiptEncoding('cp858'));
});

test('given an impossible paper width, when converted, then it is refused', () => {
  assert.throws(() => toEscPos('hello', { cpl: 0, encoding: 'cp437' }), /characters per line/);
  assert.throws(() => toEscPos('hello', { cpl: 42.5, encoding: 'cp437' }), /characters per line/);
});

test.run();
