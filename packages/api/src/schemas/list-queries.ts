import { z } from '@hono/zod-openapi';

const filterValue = z.string().max(200);
// A time filter that does not parse would otherwise be dropped and widen the answer to everything.
const timeValue = filterValue
  .refine((text) => !Number.isNaN(Date.parse(text)), {
    message: 'must be a time (ISO 8601, e.g. 2026-11-27T19:40:00Z)',
  })
  .openapi({ format: 'date-time' });

const filter = (description: string) => filterValue.optional().openapi({ description });
const time = (description: string) => timeValue.optional().openapi({ description });

/**
 * `?limit=&cursor=&<filters>`, read strictly: unknown parameters, huge values or a bad limit are a
 * 400 that says what is wrong, never a 5xx deeper down.
 */
function listQuery<Filters extends z.ZodRawShape>(filters: Filters) {
  return z.strictObject({
    token: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'The API token, for clients that cannot send headers (EventSource, <img>)' }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional().openapi({ description: 'The `next` of the previous page' }),
    ...filters,
  });
}

export const ordersQuerySchema = listQuery({
  state: filter('Keeps orders with a ticket in this state'),
  source: filter('wix, local or reconciliation'),
});

export const printJobsQuerySchema = listQuery({
  state: filter('scheduled, queued, printing, retry-wait, printed, gave-up or cancelled'),
  printer: filter('A station name'),
  order: filter('An order id'),
});

export const offlinePeriodsQuerySchema = listQuery({
  from: time('Periods still going on at or after this time'),
  to: time('Periods that started at or before this time'),
  component: filter('`internet` or `printer:<name>`'),
});

export const unreadableOrdersQuerySchema = listQuery({});

export const eventsQuerySchema = listQuery({
  from: time('Events recorded at or after this time'),
  to: time('Events recorded before this time'),
  type: filter('Event types, comma-separated'),
  after: filter('A log position: events after it'),
});

export const connectivityEventsQuerySchema = listQuery({
  from: time('Events recorded at or after this time'),
  to: time('Events recorded before this time'),
});

/** A list query as it reaches a port: validated, the limit a number, the token left behind. */
type PortQuery<Schema extends z.ZodType> = Omit<z.output<Schema>, 'token'>;

export type OrdersQuery = PortQuery<typeof ordersQuerySchema>;
export type PrintJobsQuery = PortQuery<typeof printJobsQuerySchema>;
export type OfflinePeriodsQuery = PortQuery<typeof offlinePeriodsQuerySchema>;
export type EventsQuery = PortQuery<typeof eventsQuerySchema>;
export type UnreadableOrdersQuery = PortQuery<typeof unreadableOrdersQuerySchema>;
export type ConnectivityEventsQuery = PortQuery<typeof connectivityEventsQuerySchema>;

/** Any list query, for code that pages several lists alike (each route's own type is narrower). */
export interface ListQuery {
  readonly limit: number;
  readonly cursor?: string;
  readonly [filter: string]: string | number | undefined;
}
