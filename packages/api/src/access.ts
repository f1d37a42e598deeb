import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export interface AccessOptions {
  /** `BONRELAY_API_TOKEN`; when absent, only clients on this machine get in. */
  readonly token: string | undefined;
  readonly remoteAddress: (request: Request, env: unknown) => string | undefined;
}

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Guards every endpoint but `/health` and the webhook: a bearer token when one is configured, else
 * loopback only — so a service started without a token is never open to the restaurant's Wi-Fi.
 */
export function requireAccess(options: AccessOptions): MiddlewareHandler {
  return async (c, next) => {
    if (options.token) {
      const header = c.req.header('authorization') ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : (c.req.query('token') ?? '');
      if (!sameToken(given, options.token)) {
        return c.json(
          { error: 'unauthorized', message: 'send Authorization: Bearer <BONRELAY_API_TOKEN>' },
          401,
        );
      }
      return next();
    }
    const address = options.remoteAddress(c.req.raw, c.env);
    if (!address || !loopback.test(address)) {
      return c.json(
        {
          error: 'forbidden',
          message: 'no BONRELAY_API_TOKEN is configured: only local clients are allowed',
        },
        403,
      );
    }
    return next();
  };
}
