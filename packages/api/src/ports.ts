import type { Observable } from 'rxjs';

/**
 * What the HTTP layer needs from the rest of bonrelay, as plain functions. The api package knows
 * hono and nothing else: the service wires these to the store, views and saga, and tests can wire
 * them to anything.
 */
export interface Answer {
  readonly status: 200 | 201 | 202 | 400 | 401 | 404 | 409 | 413 | 422 | 503;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ListQuery {
  readonly limit: number;
  readonly cursor?: string;
  readonly [filter: string]: string | number | undefined;
}

/** A list answer: `{ <plural noun>: [...], next }` is built from this by the route. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** A message pushed to the dashboard over SSE. */
export interface LiveUpdate {
  readonly event: string;
  readonly data: unknown;
}

export interface BonrelayPorts {
  health(): { healthy: boolean; body: unknown };
  receiveWixWebhook(rawBody: string): Promise<Answer>;

  listOrders(query: ListQuery): Page<unknown>;
  orderById(id: string): unknown | undefined;
  listPrintJobs(query: ListQuery): Page<unknown>;
  queueStatus(): unknown;
  connectivityStatus(): unknown;
  connectivityEvents(query: ListQuery): Page<unknown>;
  offlinePeriods(query: ListQuery): Page<unknown>;
  listEvents(query: ListQuery): Page<unknown>;
  /** Orders Wix sent that could not be read, oldest first, while nothing has read them since. */
  unreadableOrders(query: ListQuery): Page<unknown>;
  ticketPreview(jobId: string): string | undefined;

  createLocalOrder(input: unknown): Answer;
  reprintOrder(orderId: string, input: unknown): Answer;
  retryPrintJob(jobId: string): Answer;
  printTestTicket(printer: string | undefined): Answer;
  checkConnectivity(): Promise<Answer>;
  reconcile(): Promise<Answer>;

  metrics(): Promise<{ contentType: string; body: string }>;
  liveUpdates(): Observable<LiveUpdate>;
  dashboardHtml(): string;
}
