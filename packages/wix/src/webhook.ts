/** Why a delivery was refused; each maps to one HTTP status the ingress answers with. */
export type RejectionReason =
  | 'not-a-jwt'
  | 'bad-signature'
  | 'wrong-algorithm'
  | 'expired'
  | 'bad-key'
  | 'malformed-payload'
  | 'malformed-event';

/** What a delivery means for the restaurant; `unsupported` events are acknowledged and ignored. */
export type WebhookKind =
  | 'created'
  | 'approved'
  | 'updated'
  | 'canceled'
  | 'payment-status-updated'
  | 'unsupported';

/** A delivery proven to come from Wix, with its three layers unwrapped. */
export interface VerifiedWebhook {
  /** Wix's domain event id: the dedupe key for redeliveries (not the order id). */
  readonly webhookId: string;
  readonly eventType: string;
  readonly instanceId?: string;
  readonly orderId?: string;
  readonly eventTime?: string;
  readonly slug?: string;
  readonly kind: WebhookKind;
  /** The raw Wix order, still to be normalised. */
  readonly wixOrder?: unknown;
}

export interface WebhookRejection {
  readonly ok: false;
  readonly reason: RejectionReason;
  /** 401: not provably from Wix. 400: signed by Wix but not something we can read. */
  readonly status: 400 | 401;
  readonly detail: string;
}

export type WebhookVerification = { readonly ok: true; readonly webhook: VerifiedWebhook } | WebhookRejection;

const statusByReason: Readonly<Record<RejectionReason, 400 | 401>> = {
  'not-a-jwt': 401,
  'bad-signature': 401,
  'wrong-algorithm': 401,
  expired: 401,
  'bad-key': 401,
  'malformed-payload': 400,
  'malformed-event': 400,
};

/** One place decides the status per reason, so the ingress never has to. */
export function reject(reason: RejectionReason, detail: string): WebhookRejection {
  return { ok: false, reason, status: statusByReason[reason], detail };
}

/** The order event types bonrelay acts on; anything else is acknowledged as unsupported. */
export const kindByEventType: Readonly<Record<string, Exclude<WebhookKind, 'unsupported'>>> = {
  'wix.ecom.v1.order_created': 'created',
  'wix.ecom.v1.order_approved': 'approved',
  'wix.ecom.v1.order_updated': 'updated',
  'wix.ecom.v1.order_canceled': 'canceled',
  'wix.ecom.v1.order_payment_status_updated': 'payment-status-updated',
};
