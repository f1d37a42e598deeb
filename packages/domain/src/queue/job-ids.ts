import type { TicketKind } from '../ticket.ts';

/**
 * One job per order and ticket kind, named after both: a redelivered order produces the same id,
 * and the log's unique event id turns the second queueing into a no-op.
 */
export function printJobId(orderId: string, ticket: TicketKind): string {
  return `${orderId}/${ticket}`;
}

/** A reprint is a new job (the first one stays printed); `n` keeps the n-th request distinct. */
export function reprintJobId(orderId: string, ticket: TicketKind, n: number): string {
  return `${printJobId(orderId, ticket)}/reprint-${n}`;
}
