import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { BonrelayPorts } from '../ports.ts';
import {
  connectivityCheckSchema,
  invalidOrderSchema,
  jobQueuedSchema,
  localOrderSchema,
  orderCreatedSchema,
  problemSchema,
  reconciliationSchema,
  reprintRequestSchema,
  reprintsQueuedSchema,
} from '../schemas/index.ts';
import { readJsonBody } from './json-body.ts';
import { requestProblems } from './request-problems.ts';
import { guarded, json, refusedAccess, reply } from './responses.ts';

const notStored = json(problemSchema, 'storage-full or storage-unavailable: nothing was stored, retry later');
const jsonBody = <Schema extends z.ZodType>(schema: Schema, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

const createLocalOrder = createRoute({
  method: 'post',
  path: '/orders',
  summary: 'Enter an order locally (when Wix is unreachable)',
  ...guarded,
  middleware: [readJsonBody] as const,
  request: { body: jsonBody(localOrderSchema, 'The order as typed in; amounts in minor units') },
  responses: {
    201: json(orderCreatedSchema, 'Kept; its tickets are queued'),
    400: json(problemSchema, 'bad-json: the body is not JSON'),
    422: json(invalidOrderSchema, 'The order does not validate'),
    503: notStored,
    ...refusedAccess,
  },
});

const orderId = z.object({ id: z.string() });
const jobId = z.object({ id: z.string() });

const reprintOrder = createRoute({
  method: 'post',
  path: '/orders/{id}/reprint',
  summary: 'Reprint tickets of an order',
  ...guarded,
  middleware: [readJsonBody] as const,
  request: {
    params: orderId,
    body: jsonBody(reprintRequestSchema, 'Which tickets; all of them when absent'),
  },
  responses: {
    202: json(reprintsQueuedSchema, 'The reprints are queued'),
    400: json(problemSchema, 'bad-json or bad-request: the body is not JSON or names no ticket kind'),
    404: json(problemSchema, 'not-found: no such order'),
    503: notStored,
    ...refusedAccess,
  },
});

const retryPrintJob = createRoute({
  method: 'post',
  path: '/print-jobs/{id}/retry',
  summary: 'Revive a print job that gave up',
  ...guarded,
  request: { params: jobId },
  responses: {
    202: json(jobQueuedSchema, 'The job is queued again'),
    404: json(problemSchema, 'not-found: no such print job'),
    409: json(problemSchema, 'not-given-up: only a job that gave up can be retried'),
    503: notStored,
    ...refusedAccess,
  },
});

const printHeldJobNow = createRoute({
  method: 'post',
  path: '/print-jobs/{id}/print-now',
  summary: 'Print a held pre-order ticket now instead of at prep time',
  ...guarded,
  request: { params: jobId },
  responses: {
    202: json(jobQueuedSchema, 'The ticket is queued'),
    404: json(problemSchema, 'not-found: no such print job'),
    409: json(problemSchema, 'not-scheduled: only a held (scheduled) ticket can be printed now'),
    503: notStored,
    ...refusedAccess,
  },
});

const printTestTicket = createRoute({
  method: 'post',
  path: '/print-jobs/test',
  summary: 'Print a test ticket',
  ...guarded,
  request: {
    query: z.object({
      printer: z.string().optional().openapi({ description: 'A station name; the test station when absent' }),
    }),
  },
  responses: {
    202: json(jobQueuedSchema, 'The test ticket is queued'),
    404: json(problemSchema, 'not-found: no printer of that name'),
    503: notStored,
    ...refusedAccess,
  },
});

const checkConnectivity = createRoute({
  method: 'post',
  path: '/connectivity/check',
  summary: 'Probe printers and the internet now',
  ...guarded,
  responses: { 200: json(connectivityCheckSchema, 'What the probes found'), ...refusedAccess },
});

const reconcile = createRoute({
  method: 'post',
  path: '/commands/reconcile',
  summary: 'Ask Wix for orders we missed',
  ...guarded,
  responses: {
    200: json(reconciliationSchema, 'Wix answered; missed orders were appended'),
    503: json(reconciliationSchema, 'Wix could not be asked'),
    ...refusedAccess,
  },
});

/** The command routes' declarations, for the list of everything documented. */
export const commandRouteConfigs = [
  createLocalOrder,
  reprintOrder,
  retryPrintJob,
  printTestTicket,
  checkConnectivity,
  printHeldJobNow,
  reconcile,
];

/** The few things a manager may ask bonrelay to do; every one is recorded as an event. */
export function commandRoutes(ports: BonrelayPorts): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: requestProblems });
  app.openapi(
    createLocalOrder,
    (c) => {
      return reply(c, ports.createLocalOrder(c.req.valid('json')));
    },
    (result, c) => {
      if (result.success) return;
      const problems = result.error.issues.map(
        (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
      );
      return c.json({ error: 'invalid-order' as const, problems }, 422);
    },
  );
  app.openapi(reprintOrder, (c) => {
    return reply(c, ports.reprintOrder(c.req.valid('param').id, c.req.valid('json')));
  });
  app.openapi(retryPrintJob, (c) => {
    return reply(c, ports.retryPrintJob(c.req.valid('param').id));
  });
  app.openapi(printHeldJobNow, (c) => {
    return reply(c, ports.printHeldJobNow(c.req.valid('param').id));
  });
  app.openapi(printTestTicket, (c) => {
    return reply(c, ports.printTestTicket(c.req.valid('query').printer));
  });
  app.openapi(checkConnectivity, async (c) => {
    return reply(c, await ports.checkConnectivity());
  });
  app.openapi(reconcile, async (c) => {
    return reply(c, await ports.reconcile());
  });
  return app;
}
