import type { Order, TicketKind } from '@bonrelay/domain';
import { renderCancellationTicket } from './cancellation-ticket.ts';
import { renderCustomerReceipt } from './customer-receipt.ts';
import { renderDriverSlip, type TicketSkipped } from './driver-slip.ts';
import { renderKitchenTicket } from './kitchen-ticket.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { renderTestTicket } from './test-ticket.ts';

/**
 * One entry point for the print queue, which knows a job only by its ticket kind. A driver slip
 * for a pickup order comes back as `{ skipped: 'not-a-delivery' }` rather than an empty document.
 */
export function renderTicket(
  kind: TicketKind,
  order: Order,
  context: TicketContext,
  layout: TicketLayout,
): string | TicketSkipped {
  switch (kind) {
    case 'kitchen':
      return renderKitchenTicket(order, context, layout);
    case 'customer':
      return renderCustomerReceipt(order, context, layout);
    case 'driver':
      return renderDriverSlip(order, context, layout);
    case 'cancellation':
      return renderCancellationTicket(order, context, layout);
    case 'test':
      return renderTestTicket(context.printerName ?? layout.restaurant.name, context, layout);
  }
}
