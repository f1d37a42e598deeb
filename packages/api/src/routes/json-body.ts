import type { MiddlewareHandler } from 'hono';

/**
 * Lets a command's body be read as JSON whatever content type it came with (curl without `-H`, a
 * tablet's fetch), an empty body being `{}`; anything else that is not JSON is a 400 `bad-json`.
 * The request is handed on as `application/json`, so the route's own schema then validates it.
 */
export const readJsonBody: MiddlewareHandler = async (c, next) => {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      return c.json({ error: 'bad-json', message: 'the body must be JSON' }, 400);
    }
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set('content-type', 'application/json');
  c.req.raw = new Request(c.req.url, { method: c.req.method, headers, body: JSON.stringify(value) });
  c.req.bodyCache = {};
  await next();
};
