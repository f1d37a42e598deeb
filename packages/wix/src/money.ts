import type { MinorUnits } from '@bonrelay/domain';

const decimal = /^(-)?(\d+)(?:\.(\d*))?$/;
const fractionDigitsCache = new Map<string, number>();

/**
 * How many minor-unit digits a currency has (EUR 2, JPY 0, KWD 3), from the runtime's ISO 4217
 * data; unknown codes fall back to 2, the common case.
 */
export function fractionDigitsOf(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Reads a Wix decimal string ("9.50", "9.5", "9", "-1.00") as integer minor units by moving
 * digits, never through a float. Returns `undefined` when the text is not an exact amount
 * (rounding a price silently would print a wrong bill).
 */
export function toMinorUnits(amount: string, fractionDigits: number): MinorUnits | undefined {
  const match = decimal.exec(amount.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  if (/[^0]/.test(fraction.slice(fractionDigits))) return undefined;
  const value = Number(whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0'));
  if (!Number.isSafeInteger(value)) return undefined;
  return sign && value !== 0 ? -value : value;
}
