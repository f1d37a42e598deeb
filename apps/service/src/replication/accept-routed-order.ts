import type { EventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import {
  eventsForUnreadableWebhook,
  eventsForWebhook,
  readDelivery,
  type SignedWebhook,
} from '@bonrelay/wix';

/** One Wix delivery the hub verified and routed here, with its number in this site's sequence. */
export interface RoutedDelivery {
  readonly sequence: number;
  readonly webhook: SignedWebhook;
  /** The raw token, sent only for a delivery that could not be read (kept as evidence). */
  readonly body?: string;
}

/**
 * Records an order the hub routed here exactly as if Wix had delivered it to this site: the same
 * events with the same ids (derived from Wix's ids), so an order that also came by the site's own
 * webhook or by reconciliation is one order and one set of tickets. The hub verified Wix's
 * signature; the site trusts the hub because it reached it over its own authenticated connection.
 */
export function acceptRoutedOrder(
  store: EventStore,
  consequences: (events: readonly EventToAppend[]) => EventToAppend[],
): (delivery: RoutedDelivery) => number {
  return (delivery) => {
    const read = readDelivery(delivery.webhook);
    const events = read.readable
      ? eventsForWebhook(read.webhook, read.order)
      : eventsForUnreadableWebhook(read.webhook, delivery.body ?? '');
    const all = [...events, ...consequences(events)];
    const metadata = { source: 'hub', correlationId: delivery.webhook.webhookId };
    return store.append(all.map((event) => ({ ...event, metadata }))).appended.length;
  };
}
