import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WixOrder } from './wix-order.ts';

/** What the fake Wix API does to the next requests, to rehearse a flaky internet. */
export type FakeWixFault = 'none' | 'slow' | 'error-500' | 'unauthorized';

export interface FaultOptions {
  /** How many requests suffer the fault before the API heals itself; unlimited by default. */
  readonly times?: number;
  /** For `slow`: how long the answer is held back. */
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly fault: FakeWixFault;
}

export interface FakeWixApiOptions {
  readonly orders?: readonly WixOrder[];
  readonly host?: string;
  readonly port?: number;
  readonly apiKey: string;
  readonly siteId: string;
  /** Wix's clock, sent as every answer's `Date` header; the real one by default. */
  readonly clock?: () => Date;
}

export interface FakeWixApi {
  readonly baseUrl: string;
  close(): Promise<void>;
  setFault(fault: FakeWixFault, options?: FaultOptions): void;
  addOrder(order: WixOrder): void;
  readonly requests: readonly RecordedRequest[];
}

/** Delay of `slow` when the test does not say; longer than any timeout a test would configure. */
export const defaultSlowDelayMs = 5000;
const defaultPageLimit = 50;

type SearchField = 'createdDate' | 'updatedDate';

interface Cursor {
  readonly gte?: string;
  readonly field?: SearchField;
  readonly offset: number;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface SearchRequest {
  readonly search?: {
    readonly filter?: {
      readonly createdDate?: { readonly $gte?: string };
      readonly updatedDate?: { readonly $gte?: string };
    };
    readonly cursorPaging?: { readonly limit?: number; readonly cursor?: string };
  };
}

function searchPage(orders: readonly WixOrder[], body: unknown) {
  const search = (body as SearchRequest | undefined)?.search ?? {};
  const limit = Number(search.cursorPaging?.limit ?? defaultPageLimit);
  const cursor: Cursor = search.cursorPaging?.cursor
    ? JSON.parse(Buffer.from(String(search.cursorPaging.cursor), 'base64url').toString('utf8'))
    : search.filter?.updatedDate
      ? { gte: search.filter.updatedDate.$gte, field: 'updatedDate', offset: 0 }
      : { gte: search.filter?.createdDate?.$gte, offset: 0 };
  // Wix's updatedDate is at least the createdDate; a fixture without one was never changed.
  const at = (order: WixOrder) =>
    Date.parse(cursor.field === 'updatedDate' ? (order.updatedDate ?? order.createdDate) : order.createdDate);
  const matching = orders
    .filter((order) => cursor.gte === undefined || at(order) >= Date.parse(cursor.gte))
    .sort((a, b) => at(a) - at(b));
  const page = matching.slice(cursor.offset, cursor.offset + limit);
  const nextOffset = cursor.offset + page.length;
  const hasNext = nextOffset < matching.length;
  const next = hasNext
    ? Buffer.from(JSON.stringify({ ...cursor, offset: nextOffset })).toString('base64url')
    : null;
  return { orders: page, metadata: { count: page.length, cursors: { next }, hasNext } };
}

/**
 * A loopback stand-in for Wix's eCommerce Orders API (get one, search since), with the same
 * auth headers and cursor paging, plus switchable faults so reconciliation can be tested offline.
 */
export async function startFakeWixApi(options: FakeWixApiOptions): Promise<FakeWixApi> {
  const orders = new Map<string, WixOrder>((options.orders ?? []).map((order) => [order.id, order]));
  const requests: RecordedRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  let fault: FakeWixFault = 'none';
  let faultOptions: FaultOptions = {};
  let faultsLeft = Number.POSITIVE_INFINITY;

  function takeFault(): FakeWixFault {
    if (fault === 'none' || faultsLeft <= 0) return 'none';
    faultsLeft -= 1;
    return fault;
  }

  function answer(request: IncomingMessage, response: ServerResponse, body: unknown): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (
      request.headers.authorization !== options.apiKey ||
      request.headers['wix-site-id'] !== options.siteId
    ) {
      send(response, 401, { message: 'UNAUTHENTICATED', details: {} });
      return;
    }
    const single = url.pathname.match(/^\/ecom\/v1\/orders\/([^/]+)$/);
    if (request.method === 'GET' && single) {
      const order = orders.get(decodeURIComponent(single[1]!));
      if (order) send(response, 200, { order });
      else send(response, 404, { message: 'order not found', details: {} });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/ecom/v1/orders/search') {
      send(response, 200, searchPage([...orders.values()], body));
      return;
    }
    send(response, 404, { message: 'no such route', details: {} });
  }

  const server = createServer(async (request, response) => {
    if (options.clock) {
      response.sendDate = false;
      response.setHeader('date', options.clock().toUTCString());
    }
    let body: unknown;
    try {
      body = await readJson(request);
    } catch {
      // The client hung up mid-request (e.g. its timeout fired): nothing left to answer.
      response.destroy();
      return;
    }
    const applied = takeFault();
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: { ...request.headers },
      body,
      fault: applied,
    });
    if (applied === 'error-500') return send(response, 500, { message: 'internal error', details: {} });
    if (applied === 'unauthorized') return send(response, 401, { message: 'UNAUTHENTICATED', details: {} });
    if (applied === 'slow') {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        if (!response.destroyed) answer(request, response, body);
      }, faultOptions.delayMs ?? defaultSlowDelayMs);
      pendingTimers.add(timer);
      return;
    }
    answer(request, response, body);
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { address, port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://${address}:${port}`,
    requests,
    addOrder(order) {
      orders.set(order.id, order);
    },
    setFault(next, nextOptions = {}) {
      fault = next;
      faultOptions = nextOptions;
      faultsLeft = nextOptions.times ?? Number.POSITIVE_INFINITY;
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
