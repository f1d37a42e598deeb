import { createHmac } from 'node:crypto';
import type { WixDelivery } from './deliveries.ts';
import { type SignOptions, wixJwtClaims, wixPayloadData } from './sign-webhook.ts';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function unsignedParts(header: object, delivery: WixDelivery, options: SignOptions): string {
  const claims = wixJwtClaims(wixPayloadData(delivery, options.encoding), options);
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
}

/** A forged delivery with `alg: none` and no signature; a verifier must refuse it. */
export function signWithAlgNone(delivery: WixDelivery, options: SignOptions = {}): string {
  return `${unsignedParts({ alg: 'none', typ: 'JWT' }, delivery, options)}.`;
}

/**
 * The classic key-confusion forgery: HS256 "signed" with the public key PEM as the HMAC secret.
 * A verifier that lets the token pick its algorithm would accept it.
 */
export function signHs256WithPublicKeyAsSecret(
  delivery: WixDelivery,
  publicKeyPem: string,
  options: SignOptions = {},
): string {
  const signingInput = unsignedParts({ alg: 'HS256', typ: 'JWT' }, delivery, options);
  const signature = createHmac('sha256', publicKeyPem).update(signingInput).digest();
  return `${signingInput}.${base64url(signature)}`;
}
