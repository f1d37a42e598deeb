import type { WixFailure, WixResult } from './wix-result.ts';
import { WixRequestError } from './wix-result.ts';

export interface WixClientOptions {
  /** `https://www.wixapis.com` in production; a loopback fake in tests. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly siteId: string;
  /** Per attempt, including reading the body. */
  readonly timeoutMs: number;
  /** Extra attempts after a timeout, a network error, a 429 or a 5xx. */
  readonly retries: number;
  readonly retryDelayMs: number;
  /** Orders per search page; Wix allows at most 100. */
  readonly pageSize?: number;
  readonly fetch?: typeof fetch;
  /** Told Wix's own time (the `Date` header) of every answer, so our clock can be checked against it. */
  readonly onServerDate?: (serverDate: Date) => void;
}

export interface WixClient {
  getOrder(id: string): Promise<WixResult<unknown>>;
  /** Every order created at or after `iso`, oldest first, one page at a time; throws `WixRequestError`. */
  searchOrdersCreatedSince(iso: string): AsyncIterable<unknown[]>;
  /** Every order created or changed (approved, cancelled) at or after `iso`, in Wix's time, oldest change first. */
  searchOrdersUpdatedSince(iso: string): AsyncIterable<unknown[]>;
}

/** Wix's maximum search page, used when no page size is configured. */
export const wixMaxPageSize = 100;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(kind: WixFailure['kind'], detail: string, status?: number): WixFailure {
  return status === undefined ? { ok: false, kind, detail } : { ok: false, kind, status, detail };
}

function isRetryable(result: WixResult<unknown>): boolean {
  if (result.ok) return false;
  if (result.kind === 'timeout' || result.kind === 'network') return true;
  return result.kind === 'http' && (result.status === 429 || (result.status ?? 0) >= 500);
}

function nextCursor(body: Json): string | undefined {
  for (const key of ['metadata', 'pagingMetadata']) {
    const meta = body[key];
    const next = isObject(meta) && isObject(meta.cursors) ? meta.cursors.next : undefined;
    if (typeof next === 'string' && next !== '') return next;
  }
  return undefined;
}

/**
 * The Wix eCommerce Orders API as reconciliation needs it: fetch one order, and walk every order
 * created since a moment (catching up after an outage). Expected failures come back typed.
 */
export function createWixClient(options: WixClientOptions): WixClient {
  const doFetch = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const pageSize = options.pageSize ?? wixMaxPageSize;

  async function attempt(path: string, init: RequestInit): Promise<WixResult<Json>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          authorization: options.apiKey,
          'wix-site-id': options.siteId,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      const serverDate = Date.parse(response.headers.get('date') ?? '');
      if (Number.isFinite(serverDate)) options.onServerDate?.(new Date(serverDate));
      if (!response.ok) return failure('http', text.slice(0, 200), response.status);
      const body: unknown = JSON.parse(text);
      return isObject(body)
        ? { ok: true, value: body }
        : failure('bad-response', 'the answer is not a JSON object');
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (name === 'TimeoutError') return failure('timeout', `no answer within ${options.timeoutMs} ms`);
      if (name === 'SyntaxError') return failure('bad-response', 'the answer is not JSON');
      return failure('network', String((error as Error | undefined)?.message ?? error));
    }
  }

  async function call(path: string, init: RequestInit): Promise<WixResult<Json>> {
    let result = await attempt(path, init);
    for (let retry = 0; retry < options.retries && isRetryable(result); retry++) {
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
      result = await attempt(path, init);
    }
    return result;
  }

  async function* search(field: 'createdDate' | 'updatedDate', iso: string): AsyncIterable<unknown[]> {
    let search: Json = {
      filter: { [field]: { $gte: iso } },
      sort: [{ fieldName: field, order: 'ASC' }],
      cursorPaging: { limit: pageSize },
    };
    const seen = new Set<string>();
    for (;;) {
      const result = await call('/ecom/v1/orders/search', {
        method: 'POST',
        body: JSON.stringify({ search }),
      });
      if (!result.ok) throw new WixRequestError(result);
      const orders = result.value.orders;
      if (!Array.isArray(orders))
        throw new WixRequestError(failure('bad-response', 'the answer has no orders'));
      if (orders.length > 0) yield orders;
      const cursor = nextCursor(result.value);
      if (cursor === undefined || orders.length === 0) return;
      if (seen.has(cursor)) throw new WixRequestError(failure('bad-response', 'Wix repeated a page cursor'));
      seen.add(cursor);
      search = { cursorPaging: { limit: pageSize, cursor } };
    }
  }

  return {
    async getOrder(id) {
      const result = await call(`/ecom/v1/orders/${encodeURIComponent(id)}`, { method: 'GET' });
      if (!result.ok) return result;
      if (!isObject(result.value.order)) return failure('bad-response', 'the answer has no order');
      return { ok: true, value: result.value.order };
    },
    searchOrdersCreatedSince: (iso) => search('createdDate', iso),
    searchOrdersUpdatedSince: (iso) => search('updatedDate', iso),
  };
}
