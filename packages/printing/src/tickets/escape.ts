// Every character receiptline reads as markup inside text: escape, column, property, rule, cut,
// space, underline, emphasis, invert and size.
const markup = /[\\|{}\-=~_"`^]/g;

/**
 * Turns a guest's or an operator's text (a dish, a note, an address) into receiptline text that
 * prints exactly those characters: a `|` in a note must not split a column, a `^` must not blow
 * the font up, a line of `=` must not cut the paper. Line breaks, tabs and runs of spaces become
 * one space and the ends are trimmed, because receiptline reads leading and trailing spaces as
 * alignment and drops control characters anyway.
 */
export function escapeReceiptText(text: string): string {
  return escapeMarkup(tidyText(text));
}

/** The whitespace rule of `escapeReceiptText` alone, for text that is escaped piece by piece. */
export function tidyText(text: string): string {
  return wellFormed(text)
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Z}\s\ufeff]+/gu, ' ')
    .trim();
}

/** Escapes markup characters only, keeping spaces: for a piece of text already tidied. */
export function escapeMarkup(text: string): string {
  return text.replace(markup, (character) => `\\${character}`);
}

/**
 * Escapes a value inside a receiptline property (`{code: …}`), where the special characters
 * differ from text: a `;` would end the value and a `|` would end the column.
 */
export function escapePropertyValue(value: string): string {
  return value
    .replace(/[\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/[\\|{};]/g, (character) => `\\${character}`);
}

/** Replaces lone UTF-16 surrogates (a truncated emoji) with U+FFFD, as `toWellFormed` would. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
