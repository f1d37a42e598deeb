export { eventsForUnreadableWebhook, eventsForWebhook } from './events-for-webhook.ts';
export { fractionDigitsOf, toMinorUnits } from './money.ts';
export { type NormalisedOrderResult, normaliseOrder } from './normalise-order.ts';
export { type ReadDelivery, readDelivery } from './read-delivery.ts';
export type { TokenOptions as VerifyWebhookOptions } from './verify-token.ts';
export { tokenIssuedAt } from './verify-token.ts';
export { verifyWebhook } from './verify-webhook.ts';
export type {
  RejectionReason,
  SignedWebhook,
  UnreadableWebhook,
  VerifiedWebhook,
  WebhookKind,
  WebhookRejection,
  WebhookVerification,
} from './webhook.ts';
export { createWixClient, type WixClient, type WixClientOptions, wixMaxPageSize } from './wix-client.ts';
export { type WixFailure, type WixFailureKind, WixRequestError, type WixResult } from './wix-result.ts';
