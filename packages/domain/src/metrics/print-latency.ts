import type { AnyDomainEvent } from '../events.ts';
import type { TicketKind } from '../ticket.ts';

/** Order received → ticket on paper: seconds for a healthy kitchen, minutes while a printer is down. */
export const printLatencyBuckets: readonly number[] = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Tickets whose latency says how fast the kitchen sees an order (reprints and slips are later on purpose). */
const timedTickets: ReadonlySet<TicketKind> = new Set(['kitchen', 'customer', 'driver']);

/** A ticket whose time to paper is measured: its order's first, not a reprint. */
export interface TimedTicket {
  readonly jobId: string;
  readonly orderId: string;
  readonly ticket: TicketKind;
}

/**
 * The ticket a queue event starts timing, if it is one the latency histogram measures. A held
 * pre-order ticket is late on purpose, so it would only blur how fast the kitchen sees an order.
 */
export function timedTicketOf(event: AnyDomainEvent): TimedTicket | undefined {
  if (event.type !== 'PrintJobQueued') return undefined;
  const { jobId, orderId, ticket, reprint, notBefore } = event.data;
  return reprint || notBefore !== undefined || !timedTickets.has(ticket)
    ? undefined
    : { jobId, orderId, ticket };
}

/** Print latencies of one ticket kind, as Prometheus keeps them: cumulative buckets, sum, count. */
export interface PrintLatency {
  readonly ticket: TicketKind;
  /** Observations at or below each of `printLatencyBuckets`, in the same order. */
  readonly buckets: readonly number[];
  readonly sumSeconds: number;
  readonly count: number;
}

/** No ticket of this kind timed yet. */
export function emptyPrintLatency(ticket: TicketKind): PrintLatency {
  return { ticket, buckets: printLatencyBuckets.map(() => 0), sumSeconds: 0, count: 0 };
}

/**
 * Seconds from the order's receipt to its ticket's print. A clock that stepped back between the two
 * gives 0, not a negative latency.
 */
export function printLatencySeconds(receivedAt: string, printedAt: string): number {
  return Math.max(0, Date.parse(printedAt) - Date.parse(receivedAt)) / 1000;
}

/**
 * One more printed ticket. The sum is added to in log order, one observation at a time, so the
 * stored total is the same number an in-process histogram would have reached.
 */
export function observePrintLatency(latency: PrintLatency, seconds: number): PrintLatency {
  return {
    ticket: latency.ticket,
    buckets: latency.buckets.map((count, index) =>
      seconds <= printLatencyBuckets[index]! ? count + 1 : count,
    ),
    sumSeconds: latency.sumSeconds + seconds,
    count: latency.count + 1,
  };
}
