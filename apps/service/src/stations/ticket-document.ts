import type { Order, OrderView, PrintJobView } from '@bonrelay/domain';
import { isTicketSkipped, renderTicket, type TicketLayout } from '@bonrelay/printing';

/** The order a test ticket pretends to print for (the template ignores it). */
const noOrder: Order = {
  id: 'test',
  source: 'local',
  status: 'APPROVED',
  createdAt: new Date(0).toISOString(),
  currency: 'EUR',
  fulfilment: { kind: 'unknown', wanted: { kind: 'asap' } },
  customer: {},
  lineItems: [],
  totals: { subtotal: 0, shipping: 0, tax: 0, discount: 0, total: 0 },
};

/**
 * The receiptline document for a print job, rendered at print time from the views (so a reprint
 * shows today's data and the REPRINT / POSSIBLE DUPLICATE marks, and a ticket moved to a fallback
 * printer the station it belongs to). Undefined when there is nothing
 * to print (the job's order is unknown, or a driver slip for a pickup).
 */
export function ticketDocument(
  job: PrintJobView,
  order: OrderView | undefined,
  layout: TicketLayout,
  printedAt: Date,
): string | undefined {
  const view = job.ticket === 'test' ? undefined : order;
  if (job.ticket !== 'test' && !view) return undefined;
  const rendered = renderTicket(
    job.ticket,
    view?.order ?? noOrder,
    {
      ticketNumber: view?.ticketNumber ?? 0,
      reprint: job.reprint,
      possibleDuplicate: job.possibleDuplicate,
      printedAt,
      printerName: job.printer,
      ...(job.fallbackFor === undefined ? {} : { fallbackFor: job.fallbackFor }),
    },
    layout,
  );
  return isTicketSkipped(rendered) ? undefined : rendered;
}
