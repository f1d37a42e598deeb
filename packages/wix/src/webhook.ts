import { createHash } from 'node:crypto';
import { defined } from './defined.ts';

/** Why a delivery was refused; each maps to one HTTP status the ingress answers with. */
export type RejectionReason =
  | 'not-a-jwt'
  | 'bad-signature'
  | 'wrong-algorithm'
  | 'expired'
  | 'bad-key'
  | 'malformed-payload';

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

/**
 * A delivery proven to come from Wix whose layers or order cannot be read: Wix sent it, so it is
 * acknowledged and recorded rather than refused (a refusal only makes Wix retry for two days).
 * Whatever could be read is kept, above all the order id, so the order can be fetched instead.
 */
export interface UnreadableWebhook {
  readonly kind: 'unreadable';
  /** Wix's domain event id, or a hash of what Wix signed when that is not readable either. */
  readonly webhookId: string;
  readonly eventType?: string;
  readonly instanceId?: string;
  readonly orderId?: string;
  readonly eventTime?: string;
  /** What could not be read, short, for the person who looks. */
  readonly problem: string;
}

/** Any delivery whose signature verified: readable, or not. */
export type SignedWebhook = VerifiedWebhook | UnreadableWebhook;

export interface WebhookRejection {
  readonly ok: false;
  readonly reason: RejectionReason;
  /** 401: not provably from Wix. 400: the verification itself failed on something that is no token. */
  readonly status: 400 | 401;
  readonly detail: string;
}

/** `ok` means signed by Wix, so answered 200 whatever is inside. */
export type WebhookVerification = { readonly ok: true; readonly webhook: SignedWebhook } | WebhookRejection;

const statusByReason: Readonly<Record<RejectionReason, 400 | 401>> = {
  'not-a-jwt': 401,
  'bad-signature': 401,
  'wrong-algorithm': 401,
  expired: 401,
  'bad-key': 401,
  'malformed-payload': 400,
};

/** One place decides the status per reason, so the ingress never has to. */
export function reject(reason: RejectionReason, detail: string): WebhookRejection {
  return { ok: false, reason, status: statusByReason[reason], detail };
}

/** A signed delivery that cannot be read is still `ok`: it came from Wix and is answered 200. */
export function unreadable(
  known: Omit<UnreadableWebhook, 'kind' | 'problem'>,
  problem: string,
): WebhookVerification {
  return { ok: true, webhook: defined({ kind: 'unreadable', ...known, problem }) };
}

/**
 * A stable id for a signed delivery whose own id cannot be read: Wix's retries carry the same
 * content, so they dedupe like any redelivery.
 */
export function contentId(signed: string): string {
  return `sha256:${createHash('sha256').update(signed).digest('hex')}`;
}

/** The order event types bonrelay acts on; anything else is acknowledged as unsupported. */
export const kindByEventType: Readonly<Record<string, Exclude<WebhookKind, 'unsupported'>>> = {
  'wix.ecom.v1.order_created': 'created',
  'wix.ecom.v1.order_approved': 'approved',
  'wix.ecom.v1.order_updated': 'updated',
  'wix.ecom.v1.order_canceled': 'canceled',
  'wix.ecom.v1.order_payment_status_updated': 'payment-status-updated',
};
