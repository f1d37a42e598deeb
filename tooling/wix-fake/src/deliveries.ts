import { randomUUID } from 'node:crypto';
import type { WixOrder } from './wix-order.ts';

/** Which section of Wix's domain event carries the order. */
export type WixEventSection = 'createdEvent' | 'updatedEvent' | 'actionEvent';

/**
 * One webhook Wix would send, before it is encoded and signed. Kept as plain data so a test can
 * tweak any field (an unknown event type, a foreign entity) and still sign it the Wix way.
 */
export interface WixDelivery {
  /** The domain event id: Wix's dedupe key for deliveries (not the order id). */
  readonly webhookId: string;
  readonly eventType: string;
  readonly slug: string;
  readonly instanceId: string;
  readonly appId: string;
  readonly entityFqdn: string;
  readonly entityId: string;
  readonly eventTime: string;
  readonly section: WixEventSection;
  readonly order: WixOrder;
}

export interface DeliveryOptions {
  readonly webhookId?: string;
  readonly instanceId?: string;
  readonly appId?: string;
  readonly eventTime?: string;
}

/** The site instance the fake pretends to be. */
export const fakeWixInstanceId = '5f1e4a6e-7d0b-4c7e-8f55-6a1b2c3d4e5f';
/** The app the fake pretends to be (the identity layer names it). */
export const fakeWixAppId = '2a9c6f1e-1111-4b5d-9e0a-3c4d5e6f7a8b';

function orderDelivery(
  order: WixOrder,
  slug: string,
  section: WixEventSection,
  options: DeliveryOptions,
): WixDelivery {
  return {
    webhookId: options.webhookId ?? randomUUID(),
    eventType: `wix.ecom.v1.order_${slug}`,
    slug,
    instanceId: options.instanceId ?? fakeWixInstanceId,
    appId: options.appId ?? fakeWixAppId,
    entityFqdn: 'wix.ecom.v1.order',
    entityId: order.id,
    eventTime: options.eventTime ?? order.updatedDate ?? order.createdDate,
    section,
    order,
  };
}

/** The webhook Wix sends when a guest places an order. */
export function orderCreatedDelivery(order: WixOrder, options: DeliveryOptions = {}): WixDelivery {
  return orderDelivery(order, 'created', 'createdEvent', options);
}

/** The webhook Wix sends when an order becomes APPROVED (the moment to print). */
export function orderApprovedDelivery(order: WixOrder, options: DeliveryOptions = {}): WixDelivery {
  return orderDelivery({ ...order, status: 'APPROVED' }, 'approved', 'actionEvent', options);
}

/** The webhook Wix sends when anything on an order changes. */
export function orderUpdatedDelivery(order: WixOrder, options: DeliveryOptions = {}): WixDelivery {
  return orderDelivery(order, 'updated', 'updatedEvent', options);
}

/** The webhook Wix sends when an order is cancelled (the kitchen must stop cooking). */
export function orderCanceledDelivery(order: WixOrder, options: DeliveryOptions = {}): WixDelivery {
  return orderDelivery({ ...order, status: 'CANCELED' }, 'canceled', 'actionEvent', options);
}

/** The webhook Wix sends when the payment status changes (e.g. cash collected, refunded). */
export function paymentStatusUpdatedDelivery(
  order: WixOrder,
  paymentStatus: string,
  options: DeliveryOptions = {},
): WixDelivery {
  return orderDelivery({ ...order, paymentStatus }, 'payment_status_updated', 'actionEvent', options);
}
