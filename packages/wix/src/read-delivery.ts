import type { Order } from '@bonrelay/domain';
import { defined } from './defined.ts';
import { normaliseOrder } from './normalise-order.ts';
import type { SignedWebhook, UnreadableWebhook, VerifiedWebhook } from './webhook.ts';

/** A signed delivery with its order normalised, or the reason it cannot be read. */
export type ReadDelivery =
  | { readonly readable: true; readonly webhook: VerifiedWebhook; readonly order?: Order }
  | { readonly readable: false; readonly webhook: UnreadableWebhook };

/**
 * Normalises the order a signed delivery carries. An order that cannot be normalised makes the
 * delivery unreadable (it is then fetched by id), except for a cancellation: that needs nothing but
 * the order id, and the kitchen must hear it whatever shape the rest of the entity has.
 */
export function readDelivery(webhook: SignedWebhook): ReadDelivery {
  if (webhook.kind === 'unreadable') return { readable: false, webhook };
  if (webhook.wixOrder === undefined) return { readable: true, webhook };
  const order = normaliseOrder(webhook.wixOrder, 'wix');
  if (order.ok) return { readable: true, webhook, order: order.order };
  if (webhook.kind === 'canceled') return { readable: true, webhook };
  const { webhookId, eventType, instanceId, orderId, eventTime } = webhook;
  const problem = `the order: ${order.problem}`;
  return {
    readable: false,
    webhook: defined({ kind: 'unreadable', webhookId, eventType, instanceId, orderId, eventTime, problem }),
  };
}
