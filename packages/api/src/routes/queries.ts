import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { BonrelayPorts } from '../ports.ts';
import {
  connectivityEventsQuerySchema,
  connectivityStatusSchema,
  eventsQuerySchema,
  offlinePeriodSchema,
  offlinePeriodsQuerySchema,
  orderDetailSchema,
  ordersQuerySchema,
  orderViewSchema,
  printJobSchema,
  printJobsQuerySchema,
  problemSchema,
  queueSummarySchema,
  storedEventSchema,
  unreadableOrderSchema,
  unreadableOrdersQuerySchema,
} from '../schemas/index.ts';
import { requestProblems } from './request-problems.ts';
import { guarded, json, pageSchema, refusedAccess, sent } from './responses.ts';

const badQuery = json(problemSchema, 'bad-query: a parameter is unknown, too long or out of range');

const listOrders = createRoute({
  method: 'get',
  path: '/api/orders',
  summary: 'Orders, newest first; state= keeps orders with a ticket in that state',
  ...guarded,
  request: { query: ordersQuerySchema },
  responses: {
    200: json(pageSchema('orders', orderViewSchema), 'A page of orders'),
    400: badQuery,
    ...refusedAccess,
  },
});

const orderById = createRoute({
  method: 'get',
  path: '/api/orders/{id}',
  summary: 'One order with its tickets and their history',
  ...guarded,
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: json(orderDetailSchema, 'The order'),
    404: json(problemSchema, 'not-found: no such order'),
    ...refusedAccess,
  },
});

const listPrintJobs = createRoute({
  method: 'get',
  path: '/api/print-jobs',
  summary: 'Print jobs, newest first',
  ...guarded,
  request: { query: printJobsQuerySchema },
  responses: {
    200: json(pageSchema('printJobs', printJobSchema), 'A page of print jobs'),
    400: badQuery,
    ...refusedAccess,
  },
});

const offlinePeriods = createRoute({
  method: 'get',
  path: '/api/offline-periods',
  summary: 'Offline periods replayed from the log',
  ...guarded,
  request: { query: offlinePeriodsQuerySchema },
  responses: {
    200: json(pageSchema('offlinePeriods', offlinePeriodSchema), 'A page of offline periods'),
    400: badQuery,
    ...refusedAccess,
  },
});

const unreadableOrders = createRoute({
  method: 'get',
  path: '/api/unreadable-orders',
  summary:
    'Orders Wix sent that could not be read: being fetched by id, or (with fetchError) for staff to open in Wix',
  ...guarded,
  request: { query: unreadableOrdersQuerySchema },
  responses: {
    200: json(pageSchema('unreadableOrders', unreadableOrderSchema), 'A page of unreadable orders'),
    400: badQuery,
    ...refusedAccess,
  },
});

const listEvents = createRoute({
  method: 'get',
  path: '/api/events',
  summary: 'The event log, in log order',
  ...guarded,
  request: { query: eventsQuerySchema },
  responses: {
    200: json(pageSchema('events', storedEventSchema), 'A page of events'),
    400: badQuery,
    ...refusedAccess,
  },
});

const connectivityStatus = createRoute({
  method: 'get',
  path: '/connectivity/status',
  summary: 'Printers, internet and the overall mode',
  ...guarded,
  responses: { 200: json(connectivityStatusSchema, 'What is reachable now'), ...refusedAccess },
});

const connectivityEvents = createRoute({
  method: 'get',
  path: '/connectivity/events',
  summary: 'Printer and internet status changes',
  ...guarded,
  request: { query: connectivityEventsQuerySchema },
  responses: {
    200: json(pageSchema('events', storedEventSchema), 'A page of status changes'),
    400: badQuery,
    ...refusedAccess,
  },
});

const queueStatus = createRoute({
  method: 'get',
  path: '/offline/queue/status',
  summary: 'Queue counts by state and printer, oldest waiting age',
  ...guarded,
  responses: { 200: json(queueSummarySchema, 'The print queue at a glance'), ...refusedAccess },
});

/** The read routes' declarations, for the list of everything documented. */
export const queryRouteConfigs = [
  listOrders,
  orderById,
  listPrintJobs,
  offlinePeriods,
  unreadableOrders,
  listEvents,
  connectivityStatus,
  connectivityEvents,
  queueStatus,
];

/** The read-only JSON views a manager, a tablet or a monitoring tool asks for. */
export function queryRoutes(ports: BonrelayPorts): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: requestProblems });
  app.openapi(listOrders, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.listOrders(query);
    return c.json(sent({ orders: page.items, next: page.next }), 200);
  });
  app.openapi(orderById, (c) => {
    const order = ports.orderById(c.req.valid('param').id);
    return order ? c.json(sent(order), 200) : c.json({ error: 'not-found', message: 'no such order' }, 404);
  });
  app.openapi(listPrintJobs, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.listPrintJobs(query);
    return c.json(sent({ printJobs: page.items, next: page.next }), 200);
  });
  app.get('/api/print-jobs/:id/preview.svg', (c) => {
    const svg = ports.ticketPreview(c.req.param('id'));
    return svg ? c.body(svg, 200, { 'content-type': 'image/svg+xml' }) : c.json({ error: 'not-found' }, 404);
  });
  app.openapi(offlinePeriods, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.offlinePeriods(query);
    return c.json(sent({ offlinePeriods: page.items, next: page.next }), 200);
  });
  app.openapi(unreadableOrders, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.unreadableOrders(query);
    return c.json(sent({ unreadableOrders: page.items, next: page.next }), 200);
  });
  app.openapi(listEvents, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.listEvents(query);
    return c.json(sent({ events: page.items, next: page.next }), 200);
  });
  app.openapi(connectivityStatus, (c) => c.json(sent(ports.connectivityStatus()), 200));
  app.openapi(connectivityEvents, (c) => {
    const { token: _token, ...query } = c.req.valid('query');
    const page = ports.connectivityEvents(query);
    return c.json(sent({ events: page.items, next: page.next }), 200);
  });
  app.openapi(queueStatus, (c) => c.json(sent(ports.queueStatus()), 200));
  return app;
}
