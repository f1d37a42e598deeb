import {
  defaultTicketLayout,
  type ReceiptEncoding,
  type TicketLayout,
  ticketTexts,
} from '@bonrelay/printing';
import type { Config, PrinterConfig } from '../config/index.ts';

/** The layout for one printer: its paper and code page, the restaurant's header and its language. */
export function ticketLayoutFor(
  config: Config,
  printer: Pick<PrinterConfig, 'cpl' | 'encoding'>,
): TicketLayout {
  const { restaurant, thankYou, customerQrUrl, locale } = config.tickets;
  return {
    ...defaultTicketLayout,
    cpl: printer.cpl,
    encoding: printer.encoding as ReceiptEncoding,
    restaurant: {
      name: restaurant.name,
      ...(restaurant.address ? { address: restaurant.address } : {}),
      ...(restaurant.phone ? { phone: restaurant.phone } : {}),
      ...(restaurant.vatId ? { vatId: restaurant.vatId } : {}),
    },
    texts: { ...ticketTexts(locale), ...(thankYou ? { thankYou } : {}) },
    ...(customerQrUrl ? { customerQrUrl } : {}),
    ...(config.priorities.urgentWords ? { urgentWords: config.priorities.urgentWords } : {}),
    timeZone: config.businessDay.timeZone,
    locale,
  };
}
