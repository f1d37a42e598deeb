import type {
  AnyDomainEvent,
  EventDataByType,
  EventType,
  Order,
  PrinterStatus,
  SagaConfig,
} from '../../src/index.ts';
import { sampleOrder } from '../support/domain-events.ts';

/** Friday evening service, the clock every specification starts from. */
export const t0 = Date.parse('2025-01-10T18:00:00.000Z');

export const config: SagaConfig = {
  backoff: { baseMs: 1_000, factor: 2, capMs: 60_000 },
  maxAttempts: 3,
  breaker: { failureThreshold: 3 },
};

/** Half of each backoff ceiling: delays are easy to read (500, 1000, 2000 …). */
export const half = () => 0.5;

/** A small pickup order (the shared sample, with this suite's dish and time); tests override what they speak about. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return sampleOrder({
    id: 'order-1',
    number: '10001',
    createdAt: '2025-01-10T17:59:00.000Z',
    lineItems: [{ name: 'Pad Thai', quantity: 1, unitPrice: 1250, linePrice: 1250, options: [] }],
    totals: { subtotal: 1250, shipping: 0, tax: 0, discount: 0, total: 1250 },
    ...overrides,
  });
}

/** A log event as the store would hand it back. */
export function logEvent<T extends EventType>(
  type: T,
  data: EventDataByType[T],
  position: number,
  recordedAt = new Date(t0).toISOString(),
): AnyDomainEvent {
  return { type, data, position, recordedAt } as AnyDomainEvent;
}

/** Shorthand for the data of a queued job on the `kitchen` printer. */
export function queued(
  jobId: string,
  overrides: Partial<EventDataByType['PrintJobQueued']> = {},
): { type: 'PrintJobQueued'; data: EventDataByType['PrintJobQueued'] } {
  const [orderId = jobId, ticket = 'kitchen'] = jobId.split('/');
  return {
    type: 'PrintJobQueued',
    data: {
      jobId,
      orderId,
      ticket: ticket as EventDataByType['PrintJobQueued']['ticket'],
      printer: 'kitchen',
      priority: 'normal',
      reprint: false,
      ...overrides,
    },
  };
}

/** The monitor's word on the `kitchen` printer. */
export function statusChanged(
  from: PrinterStatus,
  to: PrinterStatus,
): { type: 'PrinterStatusChanged'; data: EventDataByType['PrinterStatusChanged'] } {
  return { type: 'PrinterStatusChanged', data: { printer: 'kitchen', from, to, reason: 'probe' } };
}

/** A person withdraws a ticket through the API. */
export function cancelled(jobId: string): {
  type: 'PrintJobCancelled';
  data: EventDataByType['PrintJobCancelled'];
} {
  return { type: 'PrintJobCancelled', data: { jobId, reason: 'guest' } };
}
