import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fractionDigitsOf, toMinorUnits } from '../src/index.ts';

test('decimal strings become exact cents, whatever their spelling', () => {
  const cases: [string, number][] = [
    ['9.50', 950],
    ['9.5', 950],
    ['9', 900],
    ['9.', 900],
    ['0.10', 10],
    ['0.29', 29],
    ['1.500000', 150],
    ['-1.00', -100],
    ['-0.00', 0],
    ['123456789.99', 12345678999],
    [' 4.20 ', 420],
  ];
  for (const [text, cents] of cases) assert.is(toMinorUnits(text, 2), cents, text);
});

test('0.29 and friends, where float maths breaks, are exact', () => {
  for (let cents = 0; cents < 1000; cents++) {
    const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    assert.is(toMinorUnits(text, 2), cents);
  }
});

test('amounts that would need rounding or are not numbers are refused', () => {
  for (const text of ['1.005', '1.005000', '', 'abc', '1,50', '1e3', '.5', '--1', '99999999999999999.00']) {
    assert.is(toMinorUnits(text, 2), undefined, text);
  }
});

test('currencies with no or three minor digits are read with their own exponent', () => {
  assert.is(fractionDigitsOf('EUR'), 2);
  assert.is(fractionDigitsOf('JPY'), 0);
  assert.is(fractionDigitsOf('KWD'), 3);
  assert.is(fractionDigitsOf('not a currency'), 2);
  assert.is(toMinorUnits('1200', fractionDigitsOf('JPY')), 1200);
  assert.is(toMinorUnits('1.250', fractionDigitsOf('KWD')), 1250);
});

test.run();
