import type { Order } from '@bonrelay/domain';
import { escapePropertyValue } from './escape.ts';
import { writeOrderNumbers, writeWhen } from './kitchen-ticket.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { formatMoney } from './money.ts';
import {
  addressLines,
  addressOneLine,
  guestName,
  hasToCollect,
  itemCount,
  paymentLabel,
} from './order-text.ts';
import { createTicketWriter, writeMarks } from './ticket-writer.ts';

/** Why a ticket was not rendered: a pickup order has no driver. */
export interface TicketSkipped {
  readonly skipped: 'not-a-delivery';
}

/** Tells a rendered document from a skipped ticket. */
export function isTicketSkipped(result: string | TicketSkipped): result is TicketSkipped {
  return typeof result !== 'string';
}

/** Where the driver's phone opens the route; the QR holds only this text, nothing is fetched. */
export function mapsLink(address: string): string {
  return `https://maps.google.com/?q=${encodeURIComponent(address)}`;
}

/**
 * The slip that rides with the bag: where to (in large type), who and how to reach them, when,
 * how many items, and whether to take money — the amount in large type, or PAID so nobody is
 * charged twice. A QR code opens the address in maps.
 */
export function renderDriverSlip(
  order: Order,
  context: TicketContext,
  layout: TicketLayout,
): string | TicketSkipped {
  if (order.fulfilment.kind !== 'delivery') return { skipped: 'not-a-delivery' };
  const writer = createTicketWriter(layout);
  const { texts } = layout;
  const { fulfilment } = order;
  writeMarks(writer, context);
  writeOrderNumbers(writer, order, context);
  writeWhen(writer, order, context);
  writer.line('-');
  const [street, ...rest] = addressLines(fulfilment.address);
  if (street) {
    writer.line(`^^^${writer.text(street)}`, ...rest.map((line) => `^^${writer.text(line)}`));
  } else {
    writer.line(`\`^^ ${writer.text(texts.noAddress)} \``);
  }
  const name = guestName(order.customer);
  if (name) writer.line(`^^${writer.text(name)}`);
  if (order.customer.phone) writer.line(`^^${writer.text(texts.phone)} ${writer.text(order.customer.phone)}`);
  if (fulfilment.instructions && fulfilment.instructions.trim() !== '') {
    writer.line(`"${writer.text(texts.instructions)}:"`, writer.text(fulfilment.instructions));
  }
  writer.line('-');
  writer.row({ markup: writer.text(texts.items) }, { markup: `^^${itemCount(order)}`, align: 'right' });
  writer.line('-');
  if (hasToCollect(order)) {
    writer.line(
      `\`^^ ${writer.text(texts.amountToCollect)} \``,
      `^^^${writer.text(formatMoney(order.totals.total, order.currency, layout))}`,
      `${writer.text(texts.payment)}: ${writer.text(paymentLabel(order, texts))}`,
    );
  } else {
    writer.line(`^^^${writer.text(texts.paid)}`);
  }
  if (street) {
    writer.line('-', writer.text(texts.scanForMaps));
    writer.line(
      `{code: ${escapePropertyValue(mapsLink(addressOneLine(fulfilment.address)))}; option: qrcode, 5, m}`,
    );
  }
  return writer.finish();
}
