import type { MinorUnits } from '@bonrelay/domain';
import { fitTextToEncoding } from './fit-text.ts';
import type { TicketLayout } from './layout.ts';

/** What money printing needs from a ticket's layout: the language and the printer's code page. */
export type MoneyPaper = Pick<TicketLayout, 'locale' | 'encoding'>;

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

// Integer minor units as an exact decimal string (`1250` → `12.50`): Intl.NumberFormat reads a
// string as a decimal, so no float ever touches the amount.
function decimal(minor: MinorUnits, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const magnitude = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

// Intl.NumberFormat reads a numeric string as an exact decimal; TypeScript's ES2023 types only
// admit numbers, so the string is passed through this one cast.
const exact = (decimalText: string) => decimalText as unknown as number;

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

// Intl's group and symbol spaces are no-break spaces; the printer gets plain ones.
const plainSpaces = (text: string) => text.replace(/\p{Zs}/gu, ' ');

/**
 * A price in a column, in the ticket's language without the currency (`12,50` in de-DE, `12.50`
 * in en-GB; `1250` for JPY): the currency prints once, at the total.
 */
export function formatAmount(minor: MinorUnits, currency: string, paper: Pick<MoneyPaper, 'locale'>): string {
  if (!Number.isSafeInteger(minor)) return '?';
  const digits = minorDigits(currency);
  const format = numberFormat(paper.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return plainSpaces(format.format(exact(decimal(minor, digits))));
}

/**
 * An amount with its currency as the ticket's language writes it (`19,00 €` in de-DE, `€19.00` in
 * en-IE), fitted to the printer's code page: where the code page lacks the symbol the ISO code
 * prints instead (`19,00 EUR`), never a `?` a guest paying cash could misread.
 */
export function formatMoney(minor: MinorUnits, currency: string, paper: MoneyPaper): string {
  if (!Number.isSafeInteger(minor)) return '?';
  const digits = minorDigits(currency);
  const amount = exact(decimal(minor, digits));
  let symbol: string;
  try {
    symbol = plainSpaces(numberFormat(paper.locale, { style: 'currency', currency }).format(amount));
  } catch {
    // A currency code ICU rejects still prints, beside the amount.
    return `${currency} ${formatAmount(minor, currency, paper)}`;
  }
  if (fitTextToEncoding(symbol, paper.encoding).text === symbol) return symbol;
  const code = numberFormat(paper.locale, { style: 'currency', currency, currencyDisplay: 'code' });
  return plainSpaces(code.format(amount));
}
