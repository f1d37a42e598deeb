/**
 * `GET /openapi.json`: a description of every JSON route, so other tools can drive bonrelay without
 * reading its source. Kept beside the routes and checked by a test against the router.
 */
interface Operation {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly auth: boolean;
  readonly query?: readonly string[];
  readonly body?: string;
}

export const operations: readonly Operation[] = [
  { method: 'get', path: '/health', summary: 'Service health and connectivity mode', auth: false },
  { method: 'get', path: '/openapi.json', summary: 'This description of the JSON routes', auth: true },
  {
    method: 'post',
    path: '/webhooks/wix',
    summary: 'Wix webhook (the body is the signed JWT)',
    auth: false,
    body: 'text/plain JWT',
  },
  {
    method: 'get',
    path: '/api/orders',
    summary: 'Orders, newest first; state= keeps orders with a ticket in that state',
    auth: true,
    query: ['limit', 'cursor', 'state', 'source'],
  },
  {
    method: 'get',
    path: '/api/orders/{id}',
    summary: 'One order with its tickets and their history',
    auth: true,
  },
  {
    method: 'get',
    path: '/api/print-jobs',
    summary: 'Print jobs',
    auth: true,
    query: ['limit', 'cursor', 'state', 'printer', 'order'],
  },
  {
    method: 'get',
    path: '/api/offline-periods',
    summary: 'Offline periods replayed from the log',
    auth: true,
    query: ['limit', 'cursor', 'from', 'to', 'component'],
  },
  {
    method: 'get',
    path: '/api/unreadable-orders',
    summary:
      'Orders Wix sent that could not be read: fetching (state fetching) or for staff to open in Wix (needs-attention)',
    auth: true,
    query: ['limit', 'cursor'],
  },
  {
    method: 'get',
    path: '/api/events',
    summary: 'The event log',
    auth: true,
    query: ['limit', 'cursor', 'from', 'to', 'type', 'after'],
  },
  {
    method: 'get',
    path: '/connectivity/status',
    summary: 'Printers, internet and the overall mode',
    auth: true,
  },
  {
    method: 'get',
    path: '/connectivity/events',
    summary: 'Printer and internet status changes',
    auth: true,
    query: ['limit', 'cursor', 'from', 'to'],
  },
  {
    method: 'get',
    path: '/offline/queue/status',
    summary: 'Queue counts by state and printer, oldest waiting age',
    auth: true,
  },
  {
    method: 'post',
    path: '/orders',
    summary: 'Enter an order locally (when Wix is unreachable)',
    auth: true,
    body: 'application/json order',
  },
  {
    method: 'post',
    path: '/orders/{id}/reprint',
    summary: 'Reprint tickets of an order',
    auth: true,
    body: 'application/json { tickets?: string[] }',
  },
  { method: 'post', path: '/print-jobs/{id}/retry', summary: 'Revive a print job that gave up', auth: true },
  {
    method: 'post',
    path: '/print-jobs/test',
    summary: 'Print a test ticket',
    auth: true,
    query: ['printer'],
  },
  { method: 'post', path: '/connectivity/check', summary: 'Probe printers and the internet now', auth: true },
  { method: 'post', path: '/commands/reconcile', summary: 'Ask Wix for orders we missed', auth: true },
];

/** Builds the OpenAPI 3.1 document from the operation list. */
export function openApiDocument(version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    (paths[operation.path] as Record<string, unknown>)[operation.method] = {
      summary: operation.summary,
      security: operation.auth ? [{ bearer: [] }] : [],
      parameters: [
        ...[...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
          name: match[1],
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
        ...(operation.query ?? []).map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
      ],
      ...(operation.body ? { requestBody: { description: operation.body } } : {}),
      responses: { '200': { description: 'JSON' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'bonrelay', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
