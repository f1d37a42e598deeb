import { type EventToAppend, eventToAppend, type Order, streams } from '@bonrelay/domain';
import { defined } from './defined.ts';
import type { UnreadableWebhook, VerifiedWebhook } from './webhook.ts';

/** A reason is for a person to read at a glance; the body holds everything else. */
const maxReasonLength = 300;

function webhookReceived(webhook: VerifiedWebhook, orderId: string | undefined): EventToAppend {
  const { webhookId, eventType, instanceId, eventTime } = webhook;
  const data = Object.fromEntries(
    Object.entries({ webhookId, eventType, instanceId, orderId, eventTime }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as EventToAppend<'WebhookReceived'>['data'];
  return eventToAppend('WebhookReceived', streams.webhook(webhookId), `webhook:${webhookId}`, data);
}

function orderEvents(webhook: VerifiedWebhook, orderId: string, order: Order | undefined): EventToAppend[] {
  const stream = streams.order(orderId);
  const received = (order: Order) =>
    eventToAppend('OrderReceived', stream, `order-received:${orderId}`, { order });
  switch (webhook.kind) {
    case 'created':
      return order ? [received(order)] : [];
    case 'approved':
      return order
        ? [
            received(order),
            eventToAppend('OrderApproved', stream, `order-approved:${orderId}`, { orderId, order }),
          ]
        : [];
    case 'updated':
      return order
        ? [
            eventToAppend('OrderUpdated', stream, `webhook-order-updated:${webhook.webhookId}`, {
              orderId,
              order,
            }),
          ]
        : [];
    case 'canceled':
      return [eventToAppend('OrderCanceled', stream, `order-canceled:${orderId}`, { orderId })];
    case 'payment-status-updated':
      return order?.paymentStatus
        ? [
            eventToAppend('OrderPaymentStatusChanged', stream, `payment:${webhook.webhookId}`, {
              orderId,
              paymentStatus: order.paymentStatus,
            }),
          ]
        : [];
    default:
      return [];
  }
}

/**
 * The facts one verified delivery adds to the log. Event ids are derived from Wix's ids, so a
 * redelivery, or the created + approved pair of one order, appends nothing new (idempotency).
 * `order` is the normalised order, absent when the delivery carried none.
 */
export function eventsForWebhook(webhook: VerifiedWebhook, order: Order | undefined): EventToAppend[] {
  const orderId = order?.id ?? webhook.orderId;
  const received = webhookReceived(webhook, orderId);
  if (orderId === undefined || webhook.kind === 'unsupported') return [received];
  return [received, ...orderEvents(webhook, orderId, order)];
}

/**
 * The record of a signed delivery that could not be read, filed under its order when it names one.
 * Its event id is derived from the webhook id, so Wix's redeliveries of it append nothing new.
 * `rawBody` is the request body exactly as received; the store seals it at rest.
 */
export function eventsForUnreadableWebhook(webhook: UnreadableWebhook, rawBody: string): EventToAppend[] {
  const { webhookId, eventType, orderId, problem } = webhook;
  const stream = orderId === undefined ? streams.webhook(webhookId) : streams.order(orderId);
  const reason = problem.slice(0, maxReasonLength);
  const data = defined({ webhookId, eventType, orderId, reason, body: rawBody });
  return [eventToAppend('OrderUnreadable', stream, `order-unreadable:${webhookId}`, data)];
}
