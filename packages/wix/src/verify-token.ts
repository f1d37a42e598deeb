import {
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  importSPKI,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { reject, type WebhookRejection } from './webhook.ts';

export interface TokenOptions {
  /** The instant `exp` is checked against; defaults to the real clock. */
  readonly now?: Date;
  /** Leeway on `exp` and `nbf` for a restaurant PC whose clock drifts; none by default. */
  readonly clockToleranceSeconds?: number;
}

/** `unreadable`: the signature verified, but the claims are not a JSON object. */
type TokenResult =
  | { readonly ok: true; readonly payload: JWTPayload }
  | { readonly ok: true; readonly unreadable: string }
  | WebhookRejection;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
let cachedKey: { readonly pem: string; readonly key: CryptoKey } | undefined;

async function publicKey(pem: string): Promise<CryptoKey> {
  if (cachedKey?.pem !== pem) cachedKey = { pem, key: await importSPKI(pem, 'RS256') };
  return cachedKey.key;
}

function headerAlgorithm(token: string): string | undefined {
  try {
    const alg = decodeProtectedHeader(token).alg;
    return typeof alg === 'string' ? alg : '';
  } catch {
    return undefined;
  }
}

function failureOf(error: unknown): TokenResult {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_JWT_EXPIRED') return reject('expired', message);
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return reject('wrong-algorithm', message);
  // jose reads the claims only once the signature is proven: Wix signed this.
  if (code === 'ERR_JWT_INVALID') return { ok: true, unreadable: message };
  if (code === 'ERR_JWS_INVALID') return reject('not-a-jwt', message);
  return reject('bad-signature', message);
}

/**
 * Proves the body is a JWT signed by Wix's key with RS256 and not expired. The algorithm is
 * pinned before any key is touched, so `alg: none` and HS256 key-confusion forgeries never verify.
 */
export async function verifyToken(
  token: string,
  publicKeyPem: string,
  options: TokenOptions,
): Promise<TokenResult> {
  if (!compactJws.test(token)) return reject('not-a-jwt', 'the body is not a compact JWS');
  const alg = headerAlgorithm(token);
  if (alg === undefined) return reject('not-a-jwt', 'the JWT header is not readable');
  if (alg !== 'RS256') return reject('wrong-algorithm', `alg ${JSON.stringify(alg)} is not RS256`);
  let key: CryptoKey;
  try {
    key = await publicKey(publicKeyPem);
  } catch (error) {
    return reject('bad-key', `the configured Wix public key is unusable: ${(error as Error).message}`);
  }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      ...(options.now ? { currentDate: options.now } : {}),
      clockTolerance: options.clockToleranceSeconds ?? 0,
    });
    return { ok: true, payload };
  } catch (error) {
    return failureOf(error);
  }
}

/**
 * When Wix signed the delivery (`iat`), read without verifying: the ingress calls it only for a
 * token it has verified (or one refused as expired, whose signature jose proved first), to measure
 * how far our clock is from Wix's.
 */
export function tokenIssuedAt(token: string): Date | undefined {
  try {
    const { iat } = decodeJwt(token.trim());
    return typeof iat === 'number' && Number.isFinite(iat) ? new Date(iat * 1000) : undefined;
  } catch {
    return undefined;
  }
}
