import type { SchedulerLike } from 'rxjs';

export type HubAnswer =
  | { readonly ok: true; readonly status: number; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

export interface HubClientOptions {
  readonly url: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly fetch: typeof fetch;
}

/**
 * Talks to the hub with the site's token, one request at a time, as a typed answer: any HTTP status
 * is an answer for the caller to judge; no answer at all (refused, cut, timed out) is `ok: false`.
 * The timeout runs on the injected scheduler; `stop` aborts whatever is in flight.
 */
export function createHubClient(options: HubClientOptions) {
  const stopping = new AbortController();
  const base = options.url.replace(/\/$/, '');
  const request = async (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs = options.timeoutMs,
  ): Promise<HubAnswer> => {
    const abort = new AbortController();
    const onStop = () => abort.abort();
    stopping.signal.addEventListener('abort', onStop);
    const timer = options.scheduler.schedule(() => abort.abort(), timeoutMs);
    try {
      const response = await options.fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: abort.signal,
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { error: 'not-json', message: text.slice(0, 200) };
      }
      return { ok: true, status: response.status, body: parsed };
    } catch (error) {
      return { ok: false, error: abort.signal.aborted ? 'timed out or stopped' : describe(error) };
    } finally {
      timer.unsubscribe();
      stopping.signal.removeEventListener('abort', onStop);
    }
  };
  return {
    get: (path: string, timeoutMs?: number) => request('GET', path, undefined, timeoutMs),
    post: (path: string, body: unknown) => request('POST', path, body),
    stop: () => stopping.abort(),
  };
}

export type HubClient = ReturnType<typeof createHubClient>;

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
