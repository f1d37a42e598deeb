import {
  generateWixKeyPair,
  orderCreatedDelivery,
  signWixWebhook,
  wixOrderFixtures,
} from '@bonrelay/wix-fake';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyWebhook } from '../src/index.ts';

const wix = await generateWixKeyPair();
const now = new Date('2025-03-14T18:00:00.000Z');
const genuine = await signWixWebhook(orderCreatedDelivery(wixOrderFixtures.nonAscii), wix.privateKey, {
  now,
});
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';

/**
 * Base64url's last character carries spare bits that decoders ignore, so a few edits there yield
 * the same signature bytes: not a forgery, just the genuine token spelt differently.
 */
function sameTokenBytes(body: string): boolean {
  const canonical = (token: string) =>
    token
      .trim()
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('base64url'))
      .join('.');
  return /^[\w.\s-]+$/.test(body) && canonical(body) === canonical(genuine);
}

/** One way an attacker or a broken proxy could damage the body. */
const damaged = fc.oneof(
  fc.nat({ max: genuine.length - 1 }).map((cut) => genuine.slice(0, cut)),
  fc
    .tuple(fc.nat({ max: genuine.length - 1 }), fc.constantFrom(...alphabet))
    .filter(([at, char]) => genuine[at] !== char)
    .map(([at, char]) => genuine.slice(0, at) + char + genuine.slice(at + 1)),
  fc
    .tuple(fc.nat({ max: genuine.length }), fc.string())
    .map(([at, junk]) => genuine.slice(0, at) + junk + genuine.slice(at)),
  fc.string(),
  fc.array(fc.base64String(), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
);

test('given a genuine delivery, it verifies (the property below is not vacuous)', async () => {
  assert.ok((await verifyWebhook(genuine, wix.publicKeyPem, { now })).ok);
});

test('any mutated, truncated or invented body never throws and never verifies', async () => {
  await fc.assert(
    fc.asyncProperty(damaged, async (body) => {
      fc.pre(!sameTokenBytes(body));
      const result = await verifyWebhook(body, wix.publicKeyPem, { now });
      return result.ok === false && (result.status === 400 || result.status === 401);
    }),
    { numRuns: 300 },
  );
});

test.run();
