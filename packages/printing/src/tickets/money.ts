import type { MinorUnits } from '@bonrelay/domain';

const digitsByCurrency = new Map<string, number>();

// ISO 4217 minor digits (EUR 2, JPY 0, KWD 3) from ICU, so no table of our own goes stale.
function minorDigits(currency: string): number {
  const known = digitsByCurrency.get(currency);
  if (known !== undefined) return known;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // A currency code ICU does not know still prints, as cents.
  }
  digitsByCurrency.set(currency, digits);
  return digits;
}

/**
 * Prints integer minor units as a decimal amount without a float ever touching it
 * (`1250, 'EUR'` → `12.50`; `1250, 'JPY'` → `1250`). Used for price columns where the currency
 * is printed once at the total.
 */
export function formatAmount(minor: MinorUnits, currency: string): string {
  if (!Number.isSafeInteger(minor)) return '?';
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const magnitude = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

/**
 * An amount with its ISO currency code (`EUR 12.50`): the code prints in every code page, unlike
 * `€`, and a guest paying in cash must see which money is meant.
 */
export function formatMoney(minor: MinorUnits, currency: string): string {
  return `${currency} ${formatAmount(minor, currency)}`;
}
