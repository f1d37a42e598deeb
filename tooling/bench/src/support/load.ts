import { createRequire } from 'node:module';

/** The parts of an autocannon result the benches report. */
export interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration: number;
}

interface LoadRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: readonly (Partial<LoadRequest> & { setupRequest?: (request: LoadRequest) => LoadRequest })[];
}) => Promise<LoadResult>;

// autocannon ships no typings; the options and result used here are its documented ones.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * POSTs one body after another from `bodies` on `connections` keep-alive connections for `seconds`:
 * every request takes the next body (shared across connections), so no two requests repeat until
 * the list wraps around.
 */
export function postEach(
  url: string,
  path: string,
  bodies: readonly string[],
  options: { connections: number; seconds: number },
): Promise<LoadResult> & { readonly sent: () => number } {
  let sent = 0;
  const result = autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'text/plain' },
        setupRequest: (request) => ({ ...request, body: bodies[sent++ % bodies.length] as string }),
      },
    ],
  });
  return Object.assign(result, { sent: () => sent });
}
