import type { EventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { acceptRoutedOrder, type RoutedDelivery } from './accept-routed-order.ts';
import { createHubClient } from './hub-client.ts';
import { hubLogDestination } from './log-destination.ts';
import { type OrderStreamStatus, startOrderPull } from './pull-orders.ts';
import { type ReplicationStatus, startLogShipping } from './ship-log.ts';

export interface ReplicationOptions {
  readonly store: EventStore;
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Print jobs and cancellations that follow from an order's events, as for the site's own webhook. */
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  readonly fetch?: typeof fetch;
  /** Told of every routed order appended (or already held) and of the order stream's state. */
  readonly orderStream?: {
    orderArrived(orderId: string | undefined): void;
    streamChanged(state: OrderStreamStatus['state']): void;
  };
}

/**
 * A site's link to its hub, all outbound: its log shipped up, the orders routed to it pulled down.
 * Started only when the site is
 * configured with a hub (url, site id and token, checked at start).
 */
export function startReplication(options: ReplicationOptions) {
  const { hub } = options.config;
  const client = createHubClient({
    url: hub.url as string,
    token: hub.token as string,
    timeoutMs: hub.requestTimeoutMs,
    scheduler: options.scheduler,
    fetch: options.fetch ?? fetch,
  });
  const shipping = startLogShipping({
    store: options.store,
    destination: hubLogDestination(client, hub.url as string),
    hub,
    siteId: hub.siteId as string,
    scheduler: options.scheduler,
    clock: options.clock,
    logger: options.logger,
  });
  const orders = startOrderPull({
    client,
    hub,
    scheduler: options.scheduler,
    clock: options.clock,
    logger: options.logger,
    accept: noticeRoutedOrders(acceptRoutedOrder(options.store, options.consequences), options.orderStream),
    ...(options.orderStream ? { onState: options.orderStream.streamChanged } : {}),
  });
  return {
    status: () => linkStatus(shipping.status(), orders.status()),
    stop: async () => {
      client.stop();
      await Promise.all([shipping.stop(), orders.stop()]);
    },
  };
}

/**
 * One word for the whole link: a caught-up log says nothing about a hub that went away since (the
 * shipper only calls when there is something to send), but the order stream calls all the time.
 */
function linkStatus(shipping: ReplicationStatus, orders: OrderStreamStatus) {
  const linkDown = orders.state === 'unreachable' || orders.state === 'refused';
  const quiet = shipping.state === 'caught-up' || shipping.state === 'starting';
  return linkDown && quiet
    ? { ...shipping, state: orders.state, lastError: orders.lastError, orders }
    : { ...shipping, orders };
}

/** Tells the webhook path of each order the hub stream brought, once it is durably held. */
function noticeRoutedOrders(
  accept: (delivery: RoutedDelivery) => number,
  stream: ReplicationOptions['orderStream'],
): (delivery: RoutedDelivery) => number {
  if (!stream) return accept;
  return (delivery) => {
    const appended = accept(delivery);
    stream.orderArrived(delivery.webhook.orderId);
    return appended;
  };
}

export type Replication = ReturnType<typeof startReplication>;
