import { type CryptoKey, importPKCS8, SignJWT } from 'jose';
import type { WixDelivery } from './deliveries.ts';

/** `json-string`: `entityAsJson`/`currentEntityAsJson`/`bodyAsJson`; `object`: already parsed. */
export type EntityEncoding = 'json-string' | 'object';

export interface SignOptions {
  readonly encoding?: EntityEncoding;
  /** Lifetime of the JWT; negative values make an already expired token. */
  readonly expiresInSeconds?: number;
  /** The signing instant (`iat`); defaults to the real clock. */
  readonly now?: Date;
}

/** Default token lifetime of the fake; Wix's own is short-lived, an hour is plenty for tests. */
export const defaultExpiresInSeconds = 3600;

function eventSection(delivery: WixDelivery, encoding: EntityEncoding): Record<string, unknown> {
  const { order } = delivery;
  if (delivery.section === 'createdEvent') {
    return encoding === 'object' ? { entity: order } : { entityAsJson: JSON.stringify(order) };
  }
  if (delivery.section === 'updatedEvent') {
    return encoding === 'object' ? { currentEntity: order } : { currentEntityAsJson: JSON.stringify(order) };
  }
  return encoding === 'object' ? { body: { order } } : { bodyAsJson: JSON.stringify({ order }) };
}

/** Layer 3: the domain event, with the order in the section its event type uses. */
export function wixDomainEvent(delivery: WixDelivery, encoding: EntityEncoding = 'json-string') {
  return {
    id: delivery.webhookId,
    entityFqdn: delivery.entityFqdn,
    slug: delivery.slug,
    entityId: delivery.entityId,
    eventTime: delivery.eventTime,
    [delivery.section]: eventSection(delivery, encoding),
  };
}

/** Layer 1's `data` string: layer 2 with layer 3 and the identity as JSON strings, as Wix nests them. */
export function wixPayloadData(delivery: WixDelivery, encoding: EntityEncoding = 'json-string'): string {
  return JSON.stringify({
    eventType: delivery.eventType,
    instanceId: delivery.instanceId,
    data: JSON.stringify(wixDomainEvent(delivery, encoding)),
    identity: JSON.stringify({ identityType: 'APP', appId: delivery.appId }),
  });
}

/** The JWT claims Wix signs: `{ data, iat, exp }`. */
export function wixJwtClaims(data: string, options: SignOptions = {}) {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return { data, iat, exp: iat + (options.expiresInSeconds ?? defaultExpiresInSeconds) };
}

async function privateKeyFrom(key: CryptoKey | string): Promise<CryptoKey> {
  return typeof key === 'string' ? importPKCS8(key, 'RS256') : key;
}

/**
 * Signs an arbitrary layer-1 `data` string with RS256, for tests that need a correctly signed
 * token around a malformed inner layer.
 */
export async function signWixPayload(
  data: string,
  privateKey: CryptoKey | string,
  options: SignOptions = {},
): Promise<string> {
  return new SignJWT(wixJwtClaims(data, options))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(await privateKeyFrom(privateKey));
}

/** The exact request body Wix would POST for this delivery: one RS256 JWT, three layers deep. */
export async function signWixWebhook(
  delivery: WixDelivery,
  privateKey: CryptoKey | string,
  options: SignOptions = {},
): Promise<string> {
  return signWixPayload(wixPayloadData(delivery, options.encoding), privateKey, options);
}
