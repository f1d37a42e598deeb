import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BreakerState,
  type EventDataByType,
  type EventToAppend,
  type EventType,
  eventToAppend,
  type InternetStatus,
  type Order,
  type PrinterStatus,
  type PrintFailure,
  streams,
} from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { VirtualTimeScheduler } from 'rxjs';
import {
  connectivityQueries,
  connectivityView,
  offlinePeriodsView,
  sqliteViewConnection,
  startViewProjector,
  type TableView,
} from '../src/index.ts';

const day = '2024-05-10';

/** `17:40` or `17:40:30` on the evening's day, as the log records it. */
export function at(time: string): string {
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}.000Z`).toISOString();
}

/**
 * A Friday evening's log in a fresh SQLite file, with the connectivity and offline tables written
 * batch by batch: `when('17:40', ...events)` appends at that time and writes one batch (or one
 * batch per event with `maxBatch: 1`), so a spec reads the tables as the service would.
 */
export function givenEvening(options: { maxBatch?: number; views?: readonly TableView[] } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-evening-')), 'log.db');
  let now = Date.parse(at('17:00'));
  const store = openEventStore({ file, clock: () => new Date(now) });
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views: options.views ?? [connectivityView, offlinePeriodsView],
    scheduler: new VirtualTimeScheduler(),
    flushIntervalMs: 0,
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
  });
  const when = (time: string, ...events: EventToAppend[]) => {
    now = Date.parse(at(time));
    store.append(events);
    projector.flush();
  };
  return { file, store, connection, projector, when, queries: connectivityQueries(connection) };
}

let serial = 0;
function fact<T extends EventType>(type: T, stream: string, data: EventDataByType[T]): EventToAppend {
  serial += 1;
  return eventToAppend(type, stream, `${type}:${serial}`, data);
}

export const printer = (name: string, to: PrinterStatus, reason: string = to, latencyMs?: number) =>
  fact('PrinterStatusChanged', streams.printer(name), {
    printer: name,
    from: 'unknown',
    to,
    reason,
    ...(latencyMs === undefined ? {} : { latencyMs }),
  });
export const internet = (to: InternetStatus, failedTargets: string[] = []) =>
  fact('InternetStatusChanged', streams.internet, { from: 'unknown', to, failedTargets });
export const breaker = (name: string, from: BreakerState, to: BreakerState) =>
  fact('PrinterBreakerChanged', streams.printer(name), { printer: name, from, to });

function sampleOrder(id: string): Order {
  return {
    id,
    source: 'wix',
    status: 'APPROVED',
    createdAt: at('17:00'),
    currency: 'EUR',
    fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
    customer: {},
    lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 900, linePrice: 900, options: [] }],
    totals: { subtotal: 900, shipping: 0, tax: 0, discount: 0, total: 900 },
  };
}
export const order = (id: string) => fact('OrderReceived', streams.order(id), { order: sampleOrder(id) });
export const queued = (jobId: string, name: string) =>
  fact('PrintJobQueued', streams.printJob(jobId), {
    jobId,
    orderId: jobId.split('/')[0] ?? jobId,
    ticket: 'kitchen',
    printer: name,
    priority: 'normal',
    reprint: false,
  });
export const printed = (jobId: string, name: string) =>
  fact('PrintJobPrinted', streams.printJob(jobId), {
    jobId,
    printer: name,
    attempt: 1,
    confirmation: 'confirmed',
  });
export const cancelled = (jobId: string) =>
  fact('PrintJobCancelled', streams.printJob(jobId), { jobId, reason: 'order canceled' });
export const failed = (jobId: string, name: string, failure: PrintFailure) =>
  fact('PrintAttemptFailed', streams.printJob(jobId), {
    jobId,
    printer: name,
    attempt: 1,
    failure,
    counted: true,
    nextAttemptAt: at('23:59'),
  });
