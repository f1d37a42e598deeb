import { NEVER } from 'rxjs';
import type { BonrelayPorts, ListQuery } from '../src/index.ts';

/** What each port was last asked, so a route spec can say what reached the service. */
export interface PortCalls {
  lastQuery?: ListQuery;
  lastBody?: unknown;
  lastId?: string;
  lastPrinter?: string | undefined;
}

/** Ports answering fixed, recognisable values: the routes are specified apart from the service. */
export function fakePorts(calls: PortCalls = {}, overrides: Partial<BonrelayPorts> = {}): BonrelayPorts {
  const page = (query: ListQuery) => {
    calls.lastQuery = query;
    return { items: [{ n: 1 }], next: 'cursor-2' };
  };
  return {
    health: () => ({ healthy: true, body: { status: 'ok' } }),
    receiveWixWebhook: async (raw) => {
      calls.lastBody = raw;
      return { status: 200, body: { received: true } };
    },
    listOrders: page,
    orderById: (id) => {
      calls.lastId = id;
      return id === 'known' ? { id } : undefined;
    },
    listPrintJobs: page,
    queueStatus: () => ({ total: 0 }),
    connectivityStatus: () => ({ mode: 'normal' }),
    connectivityEvents: page,
    offlinePeriods: page,
    listEvents: page,
    unreadableOrders: page,
    ticketPreview: (id) => (id === 'known' ? '<svg xmlns="http://www.w3.org/2000/svg"/>' : undefined),
    createLocalOrder: (input) => {
      calls.lastBody = input;
      return { status: 201, body: { orderId: 'local-1' } };
    },
    reprintOrder: (id, input) => {
      calls.lastId = id;
      calls.lastBody = input;
      return { status: 202, body: { orderId: id } };
    },
    retryPrintJob: (id) => {
      calls.lastId = id;
      return { status: 409, body: { error: 'not-given-up' } };
    },
    printTestTicket: (printer) => {
      calls.lastPrinter = printer;
      return { status: 202, body: { jobId: 'test/1' } };
    },
    checkConnectivity: async () => ({ status: 200, body: { checked: true } }),
    reconcile: async () => ({ status: 503, body: { ok: false } }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'bonrelay_up 1\n' }),
    liveUpdates: () => NEVER,
    dashboardHtml: () => '<!doctype html><title>bonrelay</title>',
    ...overrides,
  };
}
