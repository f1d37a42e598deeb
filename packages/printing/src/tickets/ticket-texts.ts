import { translatorFor } from '@bonrelay/locale';
import type { TicketTexts } from './layout.ts';

/**
 * Every fixed word of a ticket in one locale, from the catalogs: `KÜCHE` in de-DE, `KITCHEN` in
 * en-GB. The guest's words (dishes, options, notes) never pass through here: they print as Wix
 * sent them.
 */
export function ticketTexts(locale: string): TicketTexts {
  const { say } = translatorFor(locale);
  return {
    thankYou: say('ticket.thankYou'),
    kitchenTitle: say('ticket.kitchenTitle'),
    pickup: say('ticket.pickup'),
    delivery: say('ticket.delivery'),
    dineIn: say('ticket.dineIn'),
    unknownFulfilment: say('ticket.unknownFulfilment'),
    asap: say('ticket.asap'),
    reprint: say('ticket.reprint'),
    possibleDuplicate: say('ticket.possibleDuplicate'),
    possibleDuplicateHint: say('ticket.possibleDuplicateHint'),
    cancelled: say('ticket.cancelled'),
    note: say('ticket.note'),
    attention: say('ticket.attention'),
    placedAt: say('ticket.placedAt'),
    printedAt: say('ticket.printedAt'),
    order: say('ticket.order'),
    phone: say('ticket.phone'),
    vatId: say('ticket.vatId'),
    subtotal: say('ticket.subtotal'),
    discount: say('ticket.discount'),
    deliveryFee: say('ticket.deliveryFee'),
    tax: say('ticket.tax'),
    total: say('ticket.total'),
    payment: say('ticket.payment'),
    paid: say('ticket.paid'),
    notPaid: say('ticket.notPaid'),
    cashOnDelivery: say('ticket.cashOnDelivery'),
    partiallyPaid: say('ticket.partiallyPaid'),
    refunded: say('ticket.refunded'),
    partiallyRefunded: say('ticket.partiallyRefunded'),
    pending: say('ticket.pending'),
    amountToCollect: say('ticket.amountToCollect'),
    items: say('ticket.items'),
    instructions: say('ticket.instructions'),
    scanForMaps: say('ticket.scanForMaps'),
    noAddress: say('ticket.noAddress'),
    testTitle: say('ticket.testTitle'),
    testBody: say('ticket.testBody'),
    unprintable: say('ticket.unprintable'),
  };
}
