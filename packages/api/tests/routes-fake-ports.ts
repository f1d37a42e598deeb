import { NEVER } from 'rxjs';
import type { BonrelayPorts, ListQuery } from '../src/index.ts';

/** What each port was last asked, so a route spec can say what reached the service. */
export interface PortCalls {
  lastQuery?: ListQuery;
  lastBody?: unknown;
  lastId?: string;
  lastPrinter?: string | undefined;
}

type Item<List extends keyof BonrelayPorts> = BonrelayPorts[List] extends (query: never) => {
  items: readonly (infer T)[];
}
  ? T
  : never;

const at = '2026-11-27T19:40:00.000Z';

/** A kitchen ticket that printed at the second attempt, as the jobs table holds it. */
export const printedJob: Item<'listPrintJobs'> = {
  jobId: 'order-1/kitchen',
  orderId: 'order-1',
  ticket: 'kitchen',
  printer: 'kitchen',
  priority: 'high',
  reprint: false,
  possibleDuplicate: false,
  state: 'printed',
  attempts: 2,
  totalAttempts: 2,
  lastFailure: 'timeout',
  lastFailureCounted: true,
  lastFailedAt: at,
  confirmation: 'confirmed',
  queuedAt: at,
  printedAt: '2026-11-27T19:40:05.000Z',
  updatedAt: '2026-11-27T19:40:05.000Z',
  sequence: 2,
  version: 5,
};

export const event: Item<'listEvents'> = {
  position: 1,
  id: 'order-received:order-1',
  stream: 'order-order-1',
  streamVersion: 1,
  type: 'OrderReceived',
  schemaVersion: 1,
  data: { order: { id: 'order-1' } },
  metadata: { source: 'wix-webhook', correlationId: 'webhook-1' },
  recordedAt: at,
  hash: 'ab12',
};

export const order: Item<'listOrders'> = {
  orderId: 'order-1',
  number: '10234',
  source: 'wix',
  status: 'APPROVED',
  paymentStatus: 'PAID',
  ticketNumber: 1,
  businessDay: '2026-11-27',
  sequence: 1,
  receivedAt: at,
  updatedAt: at,
  canceled: false,
  order: {
    id: 'order-1',
    number: '10234',
    source: 'wix',
    status: 'APPROVED',
    createdAt: at,
    currency: 'EUR',
    fulfilment: { kind: 'delivery', wanted: { kind: 'at', at }, address: { line: 'Hauptstraße 1' } },
    customer: { firstName: 'Ada' },
    lineItems: [{ name: 'Margherita', quantity: 2, unitPrice: 950, linePrice: 1900, options: [] }],
    totals: { subtotal: 1900, shipping: 300, tax: 0, discount: 0, total: 2200 },
  },
  tickets: { [printedJob.jobId]: printedJob },
};

export const offlinePeriod: Item<'offlinePeriods'> = {
  component: 'printer:kitchen',
  start: at,
  end: '2026-11-27T20:15:00.000Z',
  durationMs: 2_100_000,
  cause: 'offline',
  ordersReceived: ['order-1'],
  jobsBuffered: 1,
  backlogPrintedAfterMs: 5_000,
};

const noJobs = {
  scheduled: 0,
  queued: 0,
  printing: 0,
  'retry-wait': 0,
  printed: 0,
  'gave-up': 0,
  cancelled: 0,
};

/** Ports answering fixed, recognisable values: the routes are specified apart from the service. */
export function fakePorts(calls: PortCalls = {}, overrides: Partial<BonrelayPorts> = {}): BonrelayPorts {
  const page = <T>(item: T) => {
    return (query: ListQuery) => {
      calls.lastQuery = query;
      return { items: [item], next: 'cursor-2' };
    };
  };
  return {
    health: () => ({
      healthy: true,
      body: {
        status: 'ok',
        version: '9.9.9',
        mode: 'online',
        log: { position: 7 },
        views: 'current',
        wix: 'configured',
        printers: ['kitchen'],
      },
    }),
    receiveWixWebhook: async (raw) => {
      calls.lastBody = raw;
      return {
        status: 200,
        body: { ok: true, webhookId: 'webhook-1', ignored: false, duplicate: false, appended: 3 },
      };
    },
    listOrders: page(order),
    orderById: (id) => {
      calls.lastId = id;
      return id === 'known' ? { ...order, history: [event] } : undefined;
    },
    listPrintJobs: page(printedJob),
    queueStatus: () => ({
      total: 1,
      byState: { ...noJobs, printed: 1 },
      byPrinter: { kitchen: { ...noJobs, printed: 1 } },
      oldestWaitingMs: null,
      oldestWaitingJobId: null,
      nextAttemptAt: null,
    }),
    connectivityStatus: () => ({
      mode: 'online',
      warnings: [],
      printers: [
        {
          printer: 'kitchen',
          status: 'online',
          since: at,
          reason: 'answered',
          latencyMs: 4,
          breaker: 'closed',
        },
      ],
      internet: { status: 'online', since: at, failedTargets: [] },
    }),
    connectivityEvents: page({ ...event, type: 'PrinterStatusChanged', stream: 'printer-kitchen' }),
    offlinePeriods: page(offlinePeriod),
    listEvents: page(event),
    unreadableOrders: page({
      orderId: 'order-7',
      webhookId: 'webhook-7',
      eventType: 'wix.ecom.v1.order_created',
      reason: 'the order has no line items',
      since: at,
      fetchError: 'no Wix API key',
    }),
    ticketPreview: (id) => (id === 'known' ? '<svg xmlns="http://www.w3.org/2000/svg"/>' : undefined),
    createLocalOrder: (input) => {
      calls.lastBody = input;
      return { status: 201, body: { orderId: 'local-1' } };
    },
    reprintOrder: (id, input) => {
      calls.lastId = id;
      calls.lastBody = input;
      return { status: 202, body: { orderId: id, jobIds: [`${id}/kitchen/reprint-1`] } };
    },
    retryPrintJob: (id) => {
      calls.lastId = id;
      return { status: 409, body: { error: 'not-given-up', message: 'the job is printed' } };
    },
    printHeldJobNow: (id) => {
      calls.lastId = id;
      return { status: 202, body: { jobId: id } };
    },
    printTestTicket: (printer) => {
      calls.lastPrinter = printer;
      return { status: 202, body: { jobId: 'test/1' } };
    },
    checkConnectivity: async () => ({
      status: 200,
      body: {
        internet: { status: 'online', failedTargets: [], latencyMs: 12 },
        printers: [{ printer: 'kitchen', status: 'online', latencyMs: 4 }],
      },
    }),
    reconcile: async () => ({ status: 503, body: { ok: false, error: 'Wix is not configured' } }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'bonrelay_up 1\n' }),
    liveUpdates: () => NEVER,
    dashboardHtml: () => '<!doctype html><title>bonrelay</title>',
    ...overrides,
  };
}
