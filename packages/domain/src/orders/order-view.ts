import type { Order, OrderSource } from '../order.ts';

/**
 * One order as the restaurant follows it: the Wix facts, its daily ticket number, and whether it
 * was cancelled. Its tickets are its print jobs (the jobs view), so a ticket has one life only.
 */
export interface OrderView {
  readonly orderId: string;
  readonly number?: string;
  readonly source: OrderSource;
  readonly status: string;
  readonly paymentStatus?: string;
  /** `#n` of its business day, counted in log order of receipt. */
  readonly ticketNumber: number;
  readonly businessDay: string;
  /** Log position of the receipt: orders list newest first by it, and it is the list's cursor. */
  readonly sequence: number;
  readonly receivedAt: string;
  /** Time of the latest event about the order itself. */
  readonly updatedAt: string;
  readonly canceled: boolean;
  readonly cancelReason?: string;
  /** The guest's pseudonym the log files the personal fields under (whose key seals them). */
  readonly customerId?: string;
  readonly order: Order;
}
