import { unwrapLayers } from './unwrap-layers.ts';
import { type TokenOptions, verifyToken } from './verify-token.ts';
import { contentId, reject, unreadable, type WebhookVerification } from './webhook.ts';

/**
 * Turns the raw body of `POST /webhooks/wix` into a signed webhook (readable or not) or a typed
 * rejection. It never throws: whatever arrives, the ingress gets an answer it can map to a status in
 * time.
 */
export async function verifyWebhook(
  rawBody: string,
  publicKeyPem: string,
  options: TokenOptions = {},
): Promise<WebhookVerification> {
  try {
    const jwt = rawBody.trim();
    const token = await verifyToken(jwt, publicKeyPem, options);
    if (!token.ok) return token;
    if ('unreadable' in token) {
      return unreadable({ webhookId: contentId(jwt.split('.')[1] ?? jwt) }, token.unreadable);
    }
    return unwrapLayers(token.payload);
  } catch (error) {
    return reject('malformed-payload', `unexpected failure while reading the delivery: ${String(error)}`);
  }
}
