import type { Order, TicketKind } from '@bonrelay/domain';
import { renderCancellationTicket } from './cancellation-ticket.ts';
import { renderCustomerReceipt } from './customer-receipt.ts';
import { isTicketSkipped, renderDriverSlip, type TicketSkipped } from './driver-slip.ts';
import { fallbackBanner } from './fallback-banner.ts';
import { renderKitchenTicket } from './kitchen-ticket.ts';
import type { TicketContext, TicketLayout } from './layout.ts';
import { renderTestTicket } from './test-ticket.ts';

/**
 * One entry point for the print queue, which knows a job only by its ticket kind. A driver slip
 * for a pickup order comes back as `{ skipped: 'not-a-delivery' }` rather than an empty document.
 * A ticket printed on a fallback printer starts with the banner naming the printer it belongs to.
 */
export function renderTicket(
  kind: TicketKind,
  order: Order,
  context: TicketContext,
  layout: TicketLayout,
): string | TicketSkipped {
  const rendered = renderTemplate(kind, order, context, layout);
  if (context.fallbackFor === undefined || isTicketSkipped(rendered)) return rendered;
  return `${fallbackBanner(context.fallbackFor, layout)}${rendered}`;
}

function renderTemplate(
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
