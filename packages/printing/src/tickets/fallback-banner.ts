import { translatorFor } from '@bonrelay/locale';
import { escapeReceiptText } from './escape.ts';
import type { TicketLayout } from './layout.ts';

/**
 * Above a ticket printed on another printer's behalf (`routing.fallback`): big and inverted, in
 * the ticket's language, so whoever tears it off carries it to where it belongs. The printer keeps
 * the name the restaurant gave it in the config; only the words around it are translated.
 */
export function fallbackBanner(printer: string, layout: Pick<TicketLayout, 'locale'>): string {
  const words = translatorFor(layout.locale).say('ticket.fallbackFor', { printer: printer.toUpperCase() });
  return `\`^^ ${escapeReceiptText(words)} \`\n-\n`;
}
