import { ticketTexts } from './ticket-texts.ts';

/**
 * The encodings receiptline can print with. A printer is set up for one of them; an encoding name
 * outside this list would make receiptline fall back to cp437 without a word, so it is rejected.
 */
export const receiptEncodings = [
  'multilingual',
  'cp437',
  'cp852',
  'cp858',
  'cp860',
  'cp863',
  'cp865',
  'cp866',
  'cp1252',
  'cp932',
  'shiftjis',
  'cp936',
  'gb18030',
  'cp949',
  'ksc5601',
  'cp950',
  'big5',
  'tis620',
] as const;

export type ReceiptEncoding = (typeof receiptEncodings)[number];

/** Config validation and the ESC/POS adapter both need to tell a known encoding from a typo. */
export function isReceiptEncoding(value: unknown): value is ReceiptEncoding {
  return typeof value === 'string' && (receiptEncodings as readonly string[]).includes(value);
}

/** Every fixed word printed on a ticket, so a restaurant can print in its own language. */
export interface TicketTexts {
  readonly thankYou: string;
  readonly kitchenTitle?: string;
  readonly pickup: string;
  readonly delivery: string;
  readonly dineIn: string;
  readonly unknownFulfilment: string;
  readonly asap: string;
  readonly reprint: string;
  readonly possibleDuplicate: string;
  readonly possibleDuplicateHint: string;
  readonly cancelled: string;
  readonly note: string;
  readonly attention: string;
  readonly placedAt: string;
  readonly printedAt: string;
  readonly order: string;
  readonly phone: string;
  readonly vatId: string;
  readonly subtotal: string;
  readonly discount: string;
  readonly deliveryFee: string;
  readonly tax: string;
  readonly total: string;
  readonly payment: string;
  readonly paid: string;
  readonly notPaid: string;
  /** An unpaid delivery: the driver takes the money at the door. */
  readonly cashOnDelivery: string;
  readonly partiallyPaid: string;
  readonly refunded: string;
  readonly partiallyRefunded: string;
  readonly pending: string;
  readonly amountToCollect: string;
  readonly items: string;
  readonly instructions: string;
  readonly scanForMaps: string;
  readonly noAddress: string;
  readonly testTitle: string;
  readonly testBody: string;
  readonly unprintable: string;
}

/** How one printer's tickets look: paper width, code page, the restaurant's header and words. */
export interface TicketLayout {
  /** Characters per line: 48 on 80 mm paper, 42 or 32 on 58 mm. */
  readonly cpl: number;
  readonly encoding: ReceiptEncoding;
  readonly restaurant: {
    readonly name: string;
    readonly address?: string;
    readonly phone?: string;
    readonly vatId?: string;
  };
  readonly texts: TicketTexts;
  /** Printed as a QR code at the foot of the customer receipt (a review or menu link). */
  readonly customerQrUrl?: string;
  /** Words printed inverted on the kitchen ticket; each matches any word starting with it. */
  readonly urgentWords: readonly string[];
  /** IANA time zone of the restaurant, e.g. `Europe/Berlin`; wanted times are shown in it. */
  readonly timeZone: string;
  /** BCP 47 locale of the words, dates and money, e.g. `de-DE`; `texts` should be in it. */
  readonly locale: string;
}

/** What a single print of a ticket needs beyond the order: its number and why it is printed. */
export interface TicketContext {
  /** The daily ticket number the kitchen calls out (`#12`). */
  readonly ticketNumber: number;
  readonly reprint: boolean;
  /** Set after crash recovery: the printer may already have printed this ticket. */
  readonly possibleDuplicate?: boolean;
  readonly printedAt: Date;
  /** Shown on the test ticket; other tickets ignore it. */
  readonly printerName?: string;
  /** Printed on a fallback printer for this one: a banner says where the ticket belongs. */
  readonly fallbackFor?: string;
}

/** English words, for a layout that names no locale. */
export const defaultTicketTexts: TicketTexts = ticketTexts('en-GB');

/** A working layout out of the box; a restaurant overrides name, zone and words in its config. */
export const defaultTicketLayout: TicketLayout = {
  cpl: 48,
  encoding: 'multilingual',
  restaurant: { name: 'Restaurant' },
  texts: defaultTicketTexts,
  urgentWords: [
    'allerg',
    'anaphyla',
    'epipen',
    'nut',
    'peanut',
    'gluten',
    'coeliac',
    'celiac',
    'lactose',
    'dairy',
    'shellfish',
    'sesame',
    'urgent',
    'nuss',
    'erdnuss',
    'laktose',
    'zöliakie',
  ],
  timeZone: 'UTC',
  locale: 'en-GB',
};
