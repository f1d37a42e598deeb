import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatAmount, formatMoney } from '../src/tickets/index.ts';

const german = { locale: 'de-DE', encoding: 'multilingual' } as const;
const british = { locale: 'en-GB', encoding: 'multilingual' } as const;
const irish = { locale: 'en-IE', encoding: 'multilingual' } as const;

test('given euros, when printed for a German ticket, then it reads 19,00 € and 1.234,50 €', () => {
  assert.is(formatMoney(1900, 'EUR', german), '19,00 €');
  assert.is(formatMoney(123450, 'EUR', german), '1.234,50 €');
  assert.is(formatAmount(1250, 'EUR', german), '12,50');
  assert.is(formatAmount(-300, 'EUR', german), '-3,00');
});

test('given euros, when printed for an Irish or British ticket, then the symbol leads: €19.00', () => {
  assert.is(formatMoney(1900, 'EUR', irish), '€19.00');
  assert.is(formatMoney(1900, 'EUR', british), '€19.00');
  assert.is(formatMoney(1900, 'GBP', british), '£19.00');
  assert.is(formatAmount(5, 'EUR', british), '0.05');
  assert.is(formatAmount(0, 'EUR', british), '0.00');
});

test('given a printer whose code page lacks €, when money is printed, then it says EUR, never ?', () => {
  assert.is(formatMoney(1900, 'EUR', { locale: 'de-DE', encoding: 'cp437' }), '19,00 EUR');
  assert.is(formatMoney(1900, 'EUR', { locale: 'en-IE', encoding: 'cp437' }), 'EUR 19.00');
  assert.is(formatMoney(1900, 'GBP', { locale: 'en-GB', encoding: 'cp852' }), 'GBP 19.00');
  assert.is(formatMoney(1900, 'EUR', { locale: 'de-DE', encoding: 'cp858' }), '19,00 €');
});

test('given cents, when formatted, then the amount is exact, however large', () => {
  assert.is(formatAmount(900719925474099, 'EUR', british), '9,007,199,254,740.99');
  assert.is(formatMoney(900719925474099, 'EUR', german), '9.007.199.254.740,99 €');
});

test('given currencies with other minor units, when formatted, then ISO 4217 digits are used', () => {
  assert.is(formatMoney(1250, 'JPY', german), '1.250 ¥');
  assert.is(formatMoney(1250, 'KWD', british), 'KWD 1.250');
});

test('given a currency code ICU rejects, when formatted, then it prints as cents rather than failing', () => {
  assert.is(formatMoney(1250, 'euro', british), 'euro 12.50');
});

test('given an amount that is not a safe integer, when formatted, then it prints as ? instead of a wrong number', () => {
  assert.is(formatAmount(12.5, 'EUR', british), '?');
  assert.is(formatMoney(Number.NaN, 'EUR', british), '?');
});

test.run();
