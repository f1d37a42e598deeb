import { escapeMarkup, tidyText } from './escape.ts';
import { fitTextToEncoding } from './fit-text.ts';
import type { TicketContext, TicketLayout } from './layout.ts';

export type Alignment = 'left' | 'center' | 'right';

/** One column of a receiptline row: markup already escaped, and where it sits. */
export interface Column {
  readonly markup: string;
  readonly align?: Alignment;
}

/**
 * Collects the lines of one ticket. Every text that did not come from the template itself goes
 * through `text` (made printable, then escaped), so a guest's note can neither break the layout nor
 * print as garbage; when a character had to become `?`, `finish` adds a note saying so.
 */
export interface TicketWriter {
  readonly layout: TicketLayout;
  text(raw: string): string;
  highlighted(raw: string): string;
  line(...lines: readonly string[]): void;
  row(...columns: readonly Column[]): void;
  finish(): string;
}

// receiptline reads the spaces around a column as its alignment.
function placed({ markup, align = 'left' }: Column): string {
  const body = markup === '' ? '~' : markup;
  if (align === 'center') return ` ${body} `;
  return align === 'right' ? ` ${body}` : `${body} `;
}

function isUrgent(word: string, urgentWords: readonly string[]): boolean {
  const lower = word.toLocaleLowerCase();
  return urgentWords.some((urgent) => urgent !== '' && lower.startsWith(urgent.toLocaleLowerCase()));
}

/** Starts a ticket for one printer's layout. */
export function createTicketWriter(layout: TicketLayout): TicketWriter {
  const lines: string[] = [];
  let lost = false;

  const printable = (raw: string): string => {
    const fitted = fitTextToEncoding(tidyText(raw), layout.encoding);
    if (fitted.lost.length > 0) lost = true;
    return tidyText(fitted.text);
  };

  return {
    layout,
    text: (raw) => escapeMarkup(printable(raw)),
    highlighted(raw) {
      // Inverts every word starting with an urgent word ("nut" marks "nuts"): printing one word too
      // many inverted costs nothing, missing an allergy costs a guest.
      return printable(raw).replace(
        /([\p{L}\p{N}]+)|([^\p{L}\p{N}]+)/gu,
        (_, word?: string, other?: string) =>
          word !== undefined
            ? isUrgent(word, layout.urgentWords)
              ? `\`${escapeMarkup(word)}\``
              : escapeMarkup(word)
            : escapeMarkup(other ?? ''),
      );
    },
    line: (...more) => {
      lines.push(...more);
    },
    row: (...columns) => {
      lines.push(`|${columns.map(placed).join('|')}|`);
    },
    finish() {
      if (lost) lines.push('-', escapeMarkup(tidyText(layout.texts.unprintable)));
      return `${lines.join('\n')}\n`;
    },
  };
}

/** Whether any urgent word appears, so the kitchen ticket can say "see note" before the items. */
export function mentionsUrgentWord(raw: string | undefined, urgentWords: readonly string[]): boolean {
  if (raw === undefined) return false;
  return (raw.match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => isUrgent(word, urgentWords));
}

/** The REPRINT and POSSIBLE DUPLICATE banners, inverted so nobody cooks an order twice unawares. */
export function writeMarks(writer: TicketWriter, context: TicketContext): void {
  const { texts } = writer.layout;
  if (context.possibleDuplicate) {
    writer.line(`\`^^ ${writer.text(texts.possibleDuplicate)} \``, writer.text(texts.possibleDuplicateHint));
  }
  if (context.reprint) writer.line(`\`^^ ${writer.text(texts.reprint)} \``);
}

/** `{width: …}` switches later rows to fixed columns; `auto` switches back. */
export function widths(...columns: readonly (number | '*')[]): string {
  return columns.length === 0 ? '{width: auto}' : `{width: ${columns.join(' ')}}`;
}
