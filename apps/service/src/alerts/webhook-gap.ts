import type { AnyDomainEvent, EventDataByType } from '@bonrelay/domain';

/** A gap in Wix's webhook deliveries that the catch-up found and that has not ended yet. */
export type OpenWebhookGap = EventDataByType['WebhookDeliveryGap'];

/** The events that open and close a gap. */
export const webhookGapEventTypes = ['WebhookDeliveryGap', 'WebhookDeliveryRestored'];

/**
 * The open gap after one event: the newest figures while it lasts, none once webhooks flow again.
 * The alert reads it, so staff hear of a broken tunnel once, not once per catch-up pass.
 */
export function reduceWebhookGap(
  gap: OpenWebhookGap | undefined,
  event: AnyDomainEvent,
): OpenWebhookGap | undefined {
  if (event.type === 'WebhookDeliveryGap') return event.data;
  if (event.type === 'WebhookDeliveryRestored') return undefined;
  return gap;
}
