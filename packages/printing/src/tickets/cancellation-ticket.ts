import type { Order } from '@bonrelay/domain';
import { clockTime } from './clock-text.ts';
import { writeDishes, writeOrderNumbers } from './kitchen-ticket.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { fulfilmentHeading, guestName } from './order-text.ts';
import { createTicketWriter, writeMarks } from './ticket-writer.ts';

/**
 * Tells the kitchen to stop cooking an order: CANCELLED in the largest inverted type, above and
 * below the ticket number and dishes so it cannot be mistaken for the original ticket.
 */
export function renderCancellationTicket(order: Order, context: TicketContext, layout: TicketLayout): string {
  const writer = createTicketWriter(layout);
  const { texts } = layout;
  const banner = `\`^^^ ${writer.text(texts.cancelled)} \``;
  writeMarks(writer, context);
  writer.line(banner);
  writeOrderNumbers(writer, order, context);
  writer.line(`^^${writer.text(fulfilmentHeading(order.fulfilment.kind, texts, layout.locale))}`);
  const name = guestName(order.customer);
  if (name) writer.line(`^^${writer.text(name)}`);
  writer.line('-');
  writeDishes(writer, order.lineItems);
  writer.line('-', banner);
  writer.line(`${writer.text(texts.printedAt)} ${writer.text(clockTime(context.printedAt, layout))}`);
  return writer.finish();
}
