import { timingSafeEqual } from 'node:crypto';
import { normaliseMac } from '@bonrelay/printing';
import { type Context, Hono } from 'hono';
import { readCloudprntPoll } from './cloudprnt-poll.ts';
import type { CloudprntPrinter } from './cloudprnt-printer.ts';

/** A printer the endpoint answers, and the Basic credentials it must send when some are set. */
export interface CloudprntClient {
  readonly printer: CloudprntPrinter;
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** Why a printer's request was refused, for the one log line that tells the operator. */
export type CloudprntRefusal = 'not configured' | 'wrong or missing credentials';

/** Polls are a few hundred bytes; anything much larger is not a printer. */
const pollLimitBytes = 64 * 1024;

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The endpoint Star printers poll (`http://<host>:<port>/cloudprnt`). It is not behind the API
 * token — a printer cannot send one — so it answers only configured printers: their MAC, and their
 * Basic credentials when set. Every job question is asked of the printer the MAC names, so no
 * printer ever sees another's ticket.
 */
export function cloudprntEndpoint(
  clients: readonly CloudprntClient[],
  onRefused: (mac: string, why: CloudprntRefusal) => void = () => {},
): Hono {
  const byMac = new Map(clients.map((client) => [client.printer.mac, client]));
  const app = new Hono();

  /** The printer a request speaks for, or the refusal to send. */
  function admitted(c: Context, macText: string | undefined): CloudprntPrinter | Response {
    const mac = macText ? normaliseMac(macText) : undefined;
    const client = mac ? byMac.get(mac) : undefined;
    if (!mac || !client) {
      if (mac) onRefused(mac, 'not configured');
      return c.json(
        { error: 'unknown-printer', message: 'no CloudPRNT printer with this MAC is configured' },
        403,
      );
    }
    const expected = client.credentials;
    const given = basicCredentials(c.req.header('authorization'));
    if (
      expected &&
      !(given && sameText(given.username, expected.username) && sameText(given.password, expected.password))
    ) {
      onRefused(client.printer.mac, 'wrong or missing credentials');
      c.header('www-authenticate', 'Basic realm="bonrelay CloudPRNT"');
      return c.json({ error: 'unauthorized', message: 'wrong or missing CloudPRNT credentials' }, 401);
    }
    return client.printer;
  }

  function confirm(c: Context, printer: CloudprntPrinter): Response {
    const code = c.req.query('code');
    if (!code) return c.json({ error: 'bad-request', message: 'a confirmation needs ?code=' }, 400);
    return printer.confirm(c.req.query('token'), code)
      ? c.body(null, 200)
      : c.json({ error: 'not-found', message: 'no such job for this printer' }, 404);
  }

  app.post('/cloudprnt', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > pollLimitBytes) return c.json({ error: 'too-large', message: 'not a CloudPRNT poll' }, 413);
    const poll = readCloudprntPoll(await c.req.json().catch(() => undefined));
    if (!poll)
      return c.json({ error: 'bad-request', message: 'expected a CloudPRNT poll with printerMAC' }, 400);
    const printer = admitted(c, poll.mac);
    if (printer instanceof Response) return printer;
    return c.json(await printer.poll(poll));
  });
  app.get('/cloudprnt', (c) => {
    const printer = admitted(c, c.req.query('mac'));
    if (printer instanceof Response) return printer;
    if (c.req.query('delete') !== undefined) return confirm(c, printer);
    const fetched = printer.fetch(c.req.query('token'), c.req.query('type') ?? 'image/png');
    if (!fetched.ok) return c.json({ error: 'no-job', message: 'no such job or media type' }, fetched.status);
    return c.body(new Uint8Array(fetched.body), 200, { 'content-type': fetched.contentType });
  });
  app.delete('/cloudprnt', (c) => {
    const printer = admitted(c, c.req.query('mac'));
    return printer instanceof Response ? printer : confirm(c, printer);
  });
  // Newer clients ask for MQTT settings first; 404 means "plain HTTP polling".
  app.get('/cloudprnt-setting.json', (c) =>
    c.json({ error: 'not-found', message: 'HTTP polling only' }, 404),
  );
  return app;
}

type Answer<E> = (request: Request, env: E) => Response | Promise<Response>;

/**
 * Puts the CloudPRNT endpoint in front of the API, outside its token guard; every other path goes
 * to the API as before.
 */
export function withCloudprnt<E>(endpoint: Hono | undefined, api: Answer<E>): Answer<E> {
  if (!endpoint) return api;
  return (request, env) => {
    const path = new URL(request.url).pathname;
    return path === '/cloudprnt' || path === '/cloudprnt-setting.json'
      ? endpoint.fetch(request, env)
      : api(request, env);
  };
}
