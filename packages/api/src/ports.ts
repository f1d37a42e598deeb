import type { z } from '@hono/zod-openapi';
import type { Observable } from 'rxjs';
import type { ReprintRequest } from './schemas/commands.ts';
import type {
  connectivityCheckSchema,
  connectivityStatusSchema,
  healthSchema,
  jobQueuedSchema,
  offlinePeriodSchema,
  orderCreatedSchema,
  orderDetailSchema,
  orderViewSchema,
  printJobSchema,
  problemSchema,
  queueSummarySchema,
  reconciliationSchema,
  reprintsQueuedSchema,
  storedEventSchema,
  unreadableOrderSchema,
  webhookReceiptSchema,
} from './schemas/index.ts';
import type {
  ConnectivityEventsQuery,
  EventsQuery,
  OfflinePeriodsQuery,
  OrdersQuery,
  PrintJobsQuery,
  UnreadableOrdersQuery,
} from './schemas/list-queries.ts';
import type { LocalOrder } from './schemas/local-order.ts';

/**
 * A schema's output as a port gives it: read-only all the way down, and without the open
 * `[key]: unknown` of loose objects, so the domain's interfaces (which carry more or fewer
 * optional keys) can be handed over as they are and tsc still checks every documented field.
 */
export type Shape<T> = T extends readonly (infer Item)[]
  ? readonly Shape<Item>[]
  : T extends object
    ? { readonly [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Shape<T[K]> }
    : T;

type Of<Schema extends z.ZodType> = Shape<z.output<Schema>>;

/** What a command answers: the status and body the route sends (both documented per route). */
export interface Answer<Status extends number, Body> {
  readonly status: Status;
  readonly body: Body;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal, `{ error, message }`, with the statuses the route documents for it. */
export type Refusal<Status extends number> = Answer<Status, Of<typeof problemSchema>>;

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

type StoredEventShape = Of<typeof storedEventSchema>;

/**
 * What the HTTP layer needs from the rest of bonrelay, as plain functions typed by the schemas
 * the OpenAPI document shows. The api package knows hono and zod and nothing else: the service
 * wires these to the store, views and saga, and tests can wire them to anything.
 */
export interface BonrelayPorts {
  health(): { healthy: boolean; body: Of<typeof healthSchema> };
  receiveWixWebhook(
    rawBody: string,
  ): Promise<Answer<200, Of<typeof webhookReceiptSchema>> | Refusal<400 | 401 | 503>>;

  listOrders(query: OrdersQuery): Page<Of<typeof orderViewSchema>>;
  orderById(id: string): Of<typeof orderDetailSchema> | undefined;
  listPrintJobs(query: PrintJobsQuery): Page<Of<typeof printJobSchema>>;
  queueStatus(): Of<typeof queueSummarySchema>;
  connectivityStatus(): Of<typeof connectivityStatusSchema>;
  connectivityEvents(query: ConnectivityEventsQuery): Page<StoredEventShape>;
  offlinePeriods(query: OfflinePeriodsQuery): Page<Of<typeof offlinePeriodSchema>>;
  listEvents(query: EventsQuery): Page<StoredEventShape>;
  /** Orders Wix sent that could not be read, oldest first, while nothing has read them since. */
  unreadableOrders(query: UnreadableOrdersQuery): Page<Of<typeof unreadableOrderSchema>>;
  ticketPreview(jobId: string): string | undefined;

  createLocalOrder(order: LocalOrder): Answer<201, Of<typeof orderCreatedSchema>> | Refusal<503>;
  reprintOrder(
    orderId: string,
    request: ReprintRequest,
  ): Answer<202, Of<typeof reprintsQueuedSchema>> | Refusal<404 | 503>;
  retryPrintJob(jobId: string): Answer<202, Of<typeof jobQueuedSchema>> | Refusal<404 | 409 | 503>;
  /** Releases a held pre-order ticket at once ("print now" on the dashboard). */
  printHeldJobNow(jobId: string): Answer<202, Of<typeof jobQueuedSchema>> | Refusal<404 | 409 | 503>;
  printTestTicket(printer: string | undefined): Answer<202, Of<typeof jobQueuedSchema>> | Refusal<404 | 503>;
  checkConnectivity(): Promise<Answer<200, Of<typeof connectivityCheckSchema>>>;
  reconcile(): Promise<Answer<200 | 503, Of<typeof reconciliationSchema>>>;

  metrics(): Promise<{ contentType: string; body: string }>;
  liveUpdates(): Observable<LiveUpdate>;
  dashboardHtml(): string;
}
