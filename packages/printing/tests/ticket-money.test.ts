import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatAmount, formatMoney } from '../src/tickets/index.ts';

test('given cents, when formatted, then the decimal point is placed by string, not by float', () => {
  assert.is(formatMoney(1250, 'EUR'), 'EUR 12.50');
  assert.is(formatAmount(5, 'EUR'), '0.05');
  assert.is(formatAmount(0, 'EUR'), '0.00');
  assert.is(formatAmount(-300, 'EUR'), '-3.00');
  assert.is(formatAmount(900719925474099, 'EUR'), '9007199254740.99');
});

test('given currencies with other minor units, when formatted, then ISO 4217 digits are used', () => {
  assert.is(formatMoney(1250, 'JPY'), 'JPY 1250');
  assert.is(formatMoney(1250, 'KWD'), 'KWD 1.250');
});

test('given a currency code ICU rejects, when formatted, then it prints as cents rather than failing', () => {
  assert.is(formatMoney(1250, 'euro'), 'euro 12.50');
});

test('given an amount that is not a safe integer, when formatted, then it prints as ? instead of a wrong number', () => {
  assert.is(formatAmount(12.5, 'EUR'), '?');
  assert.is(formatAmount(Number.NaN, 'EUR'), '?');
});

test.run();
