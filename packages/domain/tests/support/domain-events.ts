import type { AnyDomainEvent, EventDataByType, EventType } from '../../src/events.ts';
import type { Order } from '../../src/order.ts';

/**
 * Events as the log would hand them to a reducer: positions count up from 1 in the order the
 * test writes them, and each carries the time it was recorded.
 */
export function eventLog(): <T extends EventType>(
  type: T,
  recordedAt: string,
  data: EventDataByType[T],
) => Extract<AnyDomainEvent, { type: T }> {
  let position = 0;
  return (type, recordedAt, data) => {
    position += 1;
    return { type, data, position, recordedAt } as unknown as Extract<AnyDomainEvent, { type: typeof type }>;
  };
}

/** A plausible approved Wix pickup order; override what the specification is about. */
export function sampleOrder(overrides: Partial<Order> & { readonly id: string }): Order {
  return {
    number: `10${overrides.id.replace(/\D/g, '').padStart(3, '0')}`,
    source: 'wix',
    status: 'APPROVED',
    paymentStatus: 'PAID',
    createdAt: '2024-05-10T10:00:00.000Z',
    currency: 'EUR',
    fulfilment: { kind: 'pickup', wanted: { kind: 'asap' } },
    customer: { firstName: 'Ada' },
    lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 900, linePrice: 900, options: [] }],
    totals: { subtotal: 900, shipping: 0, tax: 144, discount: 0, total: 900 },
    ...overrides,
  };
}
