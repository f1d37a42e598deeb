export { signHs256WithPublicKeyAsSecret, signWithAlgNone } from './attacks.ts';
export {
  type DeliveryOptions,
  fakeWixAppId,
  fakeWixInstanceId,
  orderApprovedDelivery,
  orderCanceledDelivery,
  orderCreatedDelivery,
  orderUpdatedDelivery,
  paymentStatusUpdatedDelivery,
  type WixDelivery,
  type WixEventSection,
} from './deliveries.ts';
export {
  defaultSlowDelayMs,
  type FakeWixApi,
  type FakeWixApiOptions,
  type FakeWixFault,
  type FaultOptions,
  type RecordedRequest,
  startFakeWixApi,
} from './fake-api.ts';
export { generateWixKeyPair, type WixKeyPair } from './keys.ts';
export { makeWixOrder, optionLine, wixLineItem, wixMoney } from './make-wix-order.ts';
export { type WixOrderFixtureName, wixOrderFixtures } from './order-fixtures.ts';
export {
  defaultExpiresInSeconds,
  type EntityEncoding,
  type SignOptions,
  signWixPayload,
  signWixWebhook,
  wixDomainEvent,
  wixJwtClaims,
  wixPayloadData,
} from './sign-webhook.ts';
export type {
  WixAddress,
  WixContactDetails,
  WixDescriptionLine,
  WixLineItem,
  WixLogistics,
  WixMoney,
  WixOrder,
  WixPriceSummary,
  WixText,
} from './wix-order.ts';
export { wixRestaurantsAppId } from './wix-order.ts';
