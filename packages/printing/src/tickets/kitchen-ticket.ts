import type { LineItem, Order } from '@bonrelay/domain';
import { clockTime, wantedTimeText } from './clock-text.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { fulfilmentHeading, guestName } from './order-text.ts';
import {
  createTicketWriter,
  mentionsUrgentWord,
  type TicketWriter,
  widths,
  writeMarks,
} from './ticket-writer.ts';

/** The big number the pass calls and the Wix number the guest quotes, side by side. */
export function writeOrderNumbers(writer: TicketWriter, order: Order, context: TicketContext): void {
  const wix = order.number ? `${writer.layout.texts.order} ${writer.text(order.number)}` : '';
  writer.row({ markup: `^^^^#${context.ticketNumber}` }, { markup: wix, align: 'right' });
}

/**
 * PICKUP or DELIVERY (ABHOLUNG, LIEFERUNG) and the wanted time on one line at 2x; a long time (a pre-order for another
 * day) drops to double height so it never wraps under the kind.
 */
export function writeWhen(writer: TicketWriter, order: Order, context: TicketContext): void {
  const { layout } = writer;
  const kind = writer.text(fulfilmentHeading(order.fulfilment.kind, layout.texts, layout.locale));
  const when = wantedTimeText(order.fulfilment.wanted, layout.texts.asap, context.printedAt, layout);
  const wanted = writer.text(when);
  // Without fixed widths receiptline gives each of the two columns half the line.
  const size = when.length * 2 <= Math.floor((layout.cpl - 1) / 2) ? '^^^' : '^^';
  writer.row({ markup: `^^^${kind}` }, { markup: `${size}${wanted}`, align: 'right' });
}

/**
 * Dishes in large type with every option indented under its dish. Quantities are 2x so a `2`
 * is never misread; the column grows for three-digit quantities.
 */
export function writeDishes(writer: TicketWriter, items: readonly LineItem[]): void {
  const widest = Math.max(2, ...items.map((item) => `${item.quantity}x`.length));
  writer.line(widths(widest * 2, '*'));
  for (const item of items) {
    writer.row({ markup: `^^^${item.quantity}x` }, { markup: `^^${writer.highlighted(item.name)}` });
    for (const option of item.options) {
      const chosen = option.value ? `${option.name}: ${option.value}` : option.name;
      writer.row({ markup: '' }, { markup: `\\- ${writer.highlighted(chosen)}` });
    }
  }
  writer.line(widths());
}

/**
 * What the kitchen cooks from: ticket number, pickup or delivery and when, the dishes, the guest's
 * note with allergy words inverted. It carries no prices: the cooks do not need them and a
 * kitchen ticket left on the pass must not read like a bill.
 */
export function renderKitchenTicket(order: Order, context: TicketContext, layout: TicketLayout): string {
  const writer = createTicketWriter(layout);
  const { texts } = layout;
  writeMarks(writer, context);
  if (texts.kitchenTitle) writer.line(writer.text(texts.kitchenTitle));
  writeOrderNumbers(writer, order, context);
  writeWhen(writer, order, context);
  const name = guestName(order.customer);
  if (name) writer.line(`^^${writer.text(name)}`);
  const urgent =
    mentionsUrgentWord(order.note, layout.urgentWords) ||
    order.lineItems.some(
      (item) =>
        mentionsUrgentWord(item.name, layout.urgentWords) ||
        item.options.some((option) =>
          mentionsUrgentWord(`${option.name} ${option.value ?? ''}`, layout.urgentWords),
        ),
    );
  if (urgent) writer.line(`\`^^ ${writer.text(texts.attention)} \``);
  writer.line('-');
  writeDishes(writer, order.lineItems);
  if (order.note && order.note.trim() !== '') {
    writer.line('-', `"${writer.text(texts.note)}:"`, `^^${writer.highlighted(order.note)}`);
  }
  writer.line('-');
  writer.row(
    { markup: `${writer.text(texts.placedAt)} ${writer.text(clockTime(order.createdAt, layout))}` },
    {
      markup: `${writer.text(texts.printedAt)} ${writer.text(clockTime(context.printedAt, layout))}`,
      align: 'right',
    },
  );
  return writer.finish();
}
