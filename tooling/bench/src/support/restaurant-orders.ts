import { type EventToAppend, eventToAppend, type Order, printJobsForOrder, streams } from '@bonrelay/domain';
import { makeWixOrder, type WixOrder } from '@bonrelay/wix-fake';
import type { Config } from '../../../../apps/service/src/config/index.ts';
import { priorityRules, ticketRouting } from '../../../../apps/service/src/orders/ticket-routing.ts';
import { normaliseOrder } from '../../../../packages/wix/src/index.ts';

let nextHouse = 0;

/**
 * A Wix order as Wix sends it; `delivery` makes it need a driver slip too (three tickets, not two),
 * whose maps QR code is the costliest part of rendering. Addresses vary like a town's (a thousand
 * houses), so a bench does not print the same QR code over and over.
 */
export function wixGuestOrder(createdAt: string, delivery = false): WixOrder {
  nextHouse = (nextHouse % 1000) + 1;
  return makeWixOrder({
    createdDate: createdAt,
    updatedDate: createdAt,
    ...(delivery
      ? {
          shippingInfo: {
            title: 'Delivery',
            logistics: {
              shippingDestination: {
                address: {
                  addressLine: `Hauptstraße ${nextHouse}`,
                  city: 'Berlin',
                  postalCode: '10115',
                  country: 'DE',
                },
              },
            },
          },
        }
      : {}),
  } as never);
}

/** A guest's order as bonrelay stores it, normalised by the real Wix adapter (the log's exact shape). */
export function guestOrder(createdAt: string, delivery = false): Order {
  const normalised = normaliseOrder(wixGuestOrder(createdAt, delivery), 'wix');
  if (!normalised.ok) throw new Error(`bench order did not normalise: ${normalised.problem}`);
  return normalised.order;
}

/** What the service appends when an order arrives: the order, then one queued job per ticket. */
export function arrivalEvents(order: Order, config: Config, printers: readonly string[]): EventToAppend[] {
  return [
    eventToAppend('OrderReceived', streams.order(order.id), `order-received:${order.id}`, { order }),
    ...printJobsForOrder(order, {
      routing: ticketRouting(config, printers),
      enabledTickets: config.tickets.enabled,
      rules: priorityRules(config),
    }),
  ];
}

/** A ticket printed at the first try (the printer confirmed it), as the saga appends it. */
export function printedEvents(jobId: string, printer: string, attempt: number): EventToAppend[] {
  return [
    eventToAppend('PrintAttemptStarted', streams.printJob(jobId), `attempt:${jobId}:${attempt}`, {
      jobId,
      printer,
      attempt,
    }),
    eventToAppend('PrintJobPrinted', streams.printJob(jobId), `printed:${jobId}`, {
      jobId,
      printer,
      attempt,
      confirmation: 'confirmed',
    }),
  ];
}
