import { type EventToAppend, eventToAppend, type Order, printJobsForOrder, streams } from '@bonrelay/domain';
import { makeWixOrder } from '@bonrelay/wix-fake';
import type { Config } from '../../../../apps/service/src/config/index.ts';
import { priorityRules, ticketRouting } from '../../../../apps/service/src/orders/ticket-routing.ts';
import { normaliseOrder } from '../../../../packages/wix/src/index.ts';

/**
 * A Wix order as bonrelay stores it, normalised by the real Wix adapter so the log holds exactly the
 * shape the service writes; `delivery` makes it need a driver slip too (three tickets, not two).
 */
export function guestOrder(createdAt: string, delivery = false): Order {
  const wix = makeWixOrder({
    createdDate: createdAt,
    updatedDate: createdAt,
    ...(delivery
      ? {
          shippingInfo: {
            title: 'Delivery',
            logistics: {
              shippingDestination: {
                address: { addressLine: 'Hauptstraße 7', city: 'Berlin', postalCode: '10115', country: 'DE' },
              },
            },
          },
        }
      : {}),
  } as never);
  const normalised = normaliseOrder(wix, 'wix');
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
