import fc from 'fast-check';
import { transform } from 'receiptline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapePropertyValue, escapeReceiptText } from '../src/tickets/index.ts';
import { qrCodesIn } from './fixtures/read-ticket.ts';

// What a guest's text should look like on paper: receiptline trims ends and drops control
// characters, so escaping normalises whitespace the same way on purpose.
function onPaper(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Z}\s\ufeff]+/gu, ' ')
    .trim();
}

const markupHeavy = fc.string({
  unit: fc.constantFrom(...'\\|{}-=~_"`^;:xX01aZ ', '\n', '\t', '\r', 'ä', '寿', '\u0000', '\u00a0'),
  maxLength: 40,
});
const anyText = fc.oneof(
  markupHeavy,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

test('given markup characters in a dish name, when escaped, then each is prefixed with a backslash', () => {
  assert.is(escapeReceiptText('a|b{c}d-e=f~g_h"i`j^k\\l'), 'a\\|b\\{c\\}d\\-e\\=f\\~g\\_h\\"i\\`j\\^k\\\\l');
});

test('given a note with line breaks and padding, when escaped, then it is one trimmed line', () => {
  assert.is(escapeReceiptText('  no onions\r\n\tplease  '), 'no onions please');
});

test('given a line of dashes or equals signs, when escaped and printed, then it neither rules nor cuts', () => {
  for (const text of ['---', '===', '=', '-']) {
    const escpos = transform(escapeReceiptText(text), { command: 'escpos', encoding: 'multilingual' });
    assert.is(escpos.split('\x1dVB\x00').length, 2, `${text} cut the paper`);
    assert.not.ok(escpos.includes('\x1bt\x01\x95'), `${text} printed a rule`);
  }
});

test('property: any escaped text prints its own characters literally as plain text', () => {
  fc.assert(
    fc.property(anyText, (raw) => {
      const printed = transform(escapeReceiptText(raw), {
        command: 'text',
        cpl: 255,
        encoding: 'multilingual',
      });
      assert.is(printed.replace(/\n$/, '').trim(), onPaper(raw));
    }),
    { numRuns: 400 },
  );
});

test('property: escaped text never switches on invert, emphasis, underline, size, rules or a cut', () => {
  fc.assert(
    fc.property(anyText, (raw) => {
      const escpos = transform(`${escapeReceiptText(raw)}\n${escapeReceiptText(raw)}`, {
        command: 'escpos',
        cpl: 255,
        encoding: 'multilingual',
      });
      for (const command of ['\x1dB1', '\x1bE1', '\x1b-2', '\x1bt\x01\x95']) {
        assert.not.ok(
          escpos.includes(command),
          `markup ${JSON.stringify(command)} from ${JSON.stringify(raw)}`,
        );
      }
      const scalings = escpos.split('\x1d!').slice(1);
      assert.ok(
        scalings.every((rest) => rest.startsWith('\x00')),
        'text was scaled',
      );
      assert.is(escpos.split('\x1dVB\x00').length, 2, 'paper was cut inside the text');
    }),
    { numRuns: 300 },
  );
});

test('property: escaped text stays one column in the SVG preview', () => {
  fc.assert(
    fc.property(markupHeavy, (raw) => {
      const svg = transform(`${escapeReceiptText(raw)}`, {
        command: 'svg',
        cpl: 255,
        encoding: 'multilingual',
      });
      const shown = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)]
        .map((match) => match[1])
        .join('')
        .replaceAll('&#xa0;', ' ')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
      assert.is(shown.trim(), onPaper(raw));
      assert.not.match(svg, /filter="url|text-decoration|stroke=|scale\(/);
    }),
    { numRuns: 200 },
  );
});

test('given a QR value with ; and braces, when escaped as a property, then the code holds it whole', () => {
  const value = 'https://x.test/?a=1;b={2}|c\\d';
  assert.equal(qrCodesIn(`{code: ${escapePropertyValue(value)}; option: qrcode}`), [value]);
});

test.run();
