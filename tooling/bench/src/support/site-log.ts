import { randomBytes } from 'node:crypto';
import { type EventStore, type NewEvent, openEventStore } from '@bonrelay/event-store';

/**
 * The events one order leaves in a site's log, shaped and sized as the service writes them: the
 * delivery, the order with its personal fields sealed (an opaque blob, as replication ships it),
 * two tickets queued, attempted and printed.
 */
function orderEvents(site: string, n: number, sealed: string): NewEvent[] {
  const orderId = `${site}-order-${n}`;
  const order = {
    id: orderId,
    number: String(10_000 + n),
    source: 'wix',
    status: 'APPROVED',
    createdDate: '2026-11-27T19:40:00.000Z',
    currency: 'EUR',
    fulfilment: 'pickup',
    lineItems: [
      { name: 'Margherita', quantity: 2, priceMinor: 950, options: ['extra basil'] },
      { name: 'Tiramisu', quantity: 1, priceMinor: 650, options: [] },
    ],
    totals: { subtotalMinor: 2550, totalMinor: 2550 },
  };
  const jobs = ['kitchen', 'customer'].map((ticket) => `${orderId}:${ticket}`);
  return [
    {
      id: `webhook:${orderId}`,
      stream: `webhook-${orderId}`,
      type: 'WebhookReceived',
      data: { webhookId: orderId, eventType: 'wix.ecom.v1.order_approved', orderId },
    },
    {
      id: `order-received:${orderId}`,
      stream: `order-${orderId}`,
      type: 'OrderReceived',
      data: {
        order,
        sealed: { customerId: `c-${n}`, iv: 'aXYxMjM0NTY3OA', tag: 'dGFnMTIzNDU2Nzg5MDEy', data: sealed },
      },
    },
    ...jobs.flatMap((jobId) => [
      {
        id: `queued:${jobId}`,
        stream: `print-job-${jobId}`,
        type: 'PrintJobQueued',
        data: { jobId, orderId, ticket: 'kitchen', printer: 'kitchen', priority: 'normal', reprint: false },
      },
      {
        id: `attempt:${jobId}`,
        stream: `print-job-${jobId}`,
        type: 'PrintAttemptStarted',
        data: { jobId, printer: 'kitchen', attempt: 1 },
      },
      {
        id: `printed:${jobId}`,
        stream: `print-job-${jobId}`,
        type: 'PrintJobPrinted',
        data: { jobId, printer: 'kitchen', attempt: 1, confirmation: 'status' },
      },
    ]),
  ];
}

/** A site's log file with about `events` events (whole orders), written in big batches. */
export function writeSiteLog(file: string, site: string, events: number): EventStore {
  const store = openEventStore({ file, clock: () => new Date('2026-11-27T19:40:00.000Z') });
  const sealed = randomBytes(450).toString('base64');
  let batch: NewEvent[] = [];
  for (let n = 0; store.lastPosition() + batch.length < events; n++) {
    batch.push(...orderEvents(site, n, sealed));
    if (batch.length >= 5_000) {
      store.append(batch);
      batch = [];
    }
  }
  if (batch.length > 0) store.append(batch);
  return store;
}
