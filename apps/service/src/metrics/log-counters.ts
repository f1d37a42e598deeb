import type { AnyDomainEvent, TicketKind } from '@bonrelay/domain';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Order received → ticket on paper: seconds for a healthy kitchen, minutes while a printer is down. */
export const printLatencyBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Tickets whose latency says how fast the kitchen sees an order (reprints and slips are later on purpose). */
const timedTickets: ReadonlySet<TicketKind> = new Set(['kitchen', 'customer', 'driver']);

export interface LogCounters {
  /** Folds one event of the log into the counters. */
  count(event: AnyDomainEvent): void;
  /** A redelivery the log deduplicated: it leaves no event, so ingress reports it here. */
  countDuplicateWebhook(): void;
}

/**
 * The counters that are facts of the log (webhooks, orders, attempts, print latency). They are
 * folded from position 0 at start, so a restart shows the same totals rather than starting at zero.
 */
export function logCounters(register: Registry): LogCounters {
  const webhooks = new Counter({
    name: 'bonrelay_webhooks_total',
    help: 'Wix webhook deliveries by outcome (accepted, unreadable, duplicate, rejected with a reason)',
    labelNames: ['outcome', 'reason'],
    registers: [register],
  });
  const orders = new Counter({
    name: 'bonrelay_orders_total',
    help: 'Orders received, by source (wix, local, reconciliation)',
    labelNames: ['source'],
    registers: [register],
  });
  const attempts = new Counter({
    name: 'bonrelay_print_attempts_total',
    help: 'Print attempts by printer and outcome (printed, or the failure)',
    labelNames: ['printer', 'outcome'],
    registers: [register],
  });
  const latency = new Histogram({
    name: 'bonrelay_print_latency_seconds',
    help: 'Time from an order being received to its ticket being printed, by ticket',
    labelNames: ['ticket'],
    buckets: printLatencyBuckets,
    registers: [register],
  });
  webhooks.inc({ outcome: 'accepted' }, 0);
  webhooks.inc({ outcome: 'duplicate' }, 0);

  const receivedAt = new Map<string, { at: number; waiting: number }>();
  const timedJobs = new Map<string, { orderId: string; ticket: TicketKind }>();
  const settle = (jobId: string) => {
    const job = timedJobs.get(jobId);
    if (!job) return undefined;
    timedJobs.delete(jobId);
    const order = receivedAt.get(job.orderId);
    if (order && --order.waiting === 0) receivedAt.delete(job.orderId);
    return order === undefined ? undefined : { ...job, at: order.at };
  };

  return {
    countDuplicateWebhook: () => webhooks.inc({ outcome: 'duplicate' }),
    count(event) {
      switch (event.type) {
        case 'WebhookReceived':
          webhooks.inc({ outcome: 'accepted' });
          return;
        case 'OrderUnreadable':
          webhooks.inc({ outcome: 'unreadable' });
          return;
        case 'WebhookRejected':
          webhooks.inc({ outcome: 'rejected', reason: event.data.reason }, event.data.count);
          return;
        case 'OrderReceived':
          orders.inc({ source: event.data.order.source });
          receivedAt.set(event.data.order.id, { at: Date.parse(event.recordedAt), waiting: 0 });
          return;
        case 'PrintJobQueued': {
          const { jobId, orderId, ticket, reprint } = event.data;
          const order = receivedAt.get(orderId);
          if (reprint || !order || !timedTickets.has(ticket) || timedJobs.has(jobId)) return;
          order.waiting += 1;
          timedJobs.set(jobId, { orderId, ticket });
          return;
        }
        case 'PrintAttemptFailed':
          attempts.inc({ printer: event.data.printer, outcome: event.data.failure });
          return;
        case 'PrintJobPrinted': {
          attempts.inc({ printer: event.data.printer, outcome: 'printed' });
          const timed = settle(event.data.jobId);
          if (timed)
            latency.observe(
              { ticket: timed.ticket },
              Math.max(0, Date.parse(event.recordedAt) - timed.at) / 1000,
            );
          return;
        }
        case 'PrintJobCancelled':
          settle(event.data.jobId);
          return;
        default:
          return;
      }
    },
  };
}
