import { createHash, randomBytes } from 'node:crypto';

/** A fresh site token: 32 random bytes, URL-safe, shown once by `sites add` and never stored. */
export function newSiteToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the hub keeps instead of the token. A plain SHA-256 suffices: the token is 256 random bits,
 * so there is nothing to guess, and the hash lets any replica look a site up by it in one query.
 */
export function siteTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
