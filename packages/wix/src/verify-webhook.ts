import { unwrapLayers } from './unwrap-layers.ts';
import { type TokenOptions, verifyToken } from './verify-token.ts';
import { reject, type WebhookVerification } from './webhook.ts';

/**
 * Turns the raw body of `POST /webhooks/wix` into a verified webhook or a typed rejection.
 * It never throws: whatever arrives, the ingress gets an answer it can map to a status in time.
 */
export async function verifyWebhook(
  rawBody: string,
  publicKeyPem: string,
  options: TokenOptions = {},
): Promise<WebhookVerification> {
  try {
    const token = await verifyToken(rawBody.trim(), publicKeyPem, options);
    if (!token.ok) return token;
    return unwrapLayers(token.payload);
  } catch (error) {
    return reject('malformed-payload', `unexpected failure while reading the delivery: ${String(error)}`);
  }
}
