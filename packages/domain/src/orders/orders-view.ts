import type { Order, OrderSource } from '../order.ts';
import type { PrintConfirmation, PrintFailure } from '../status.ts';
import type { Priority, TicketKind } from '../ticket.ts';
import { type ChunkedList, emptyBuckets, emptyList, type KeyedBuckets } from './keyed-buckets.ts';

/** Bump when the reducer's output changes, so the service rebuilds the materialised view. */
export const ordersViewVersion = 2;

/** Where one ticket of an order stands, as far as the log says. */
export type TicketState = 'queued' | 'printing' | 'waiting' | 'printed' | 'gave-up' | 'cancelled';

export interface OrderTicket {
  readonly jobId: string;
  readonly ticket: TicketKind;
  readonly printer: string;
  readonly priority: Priority;
  readonly state: TicketState;
  /** Attempts started so far (the latest attempt number seen). */
  readonly attempts: number;
  readonly printedAt?: string;
  readonly confirmation?: PrintConfirmation;
  readonly lastFailure?: PrintFailure;
  readonly nextAttemptAt?: string;
  readonly reprint: boolean;
  /** Printed again after a crash mid-print: the kitchen may hold two copies. */
  readonly possibleDuplicate: boolean;
}

export interface OrderView {
  readonly orderId: string;
  readonly number?: string;
  readonly source: OrderSource;
  readonly status: string;
  readonly paymentStatus?: string;
  /** `#n` of its business day, counted in log order of receipt. */
  readonly ticketNumber: number;
  readonly businessDay: string;
  /** 0-based position among all received orders; the list cursor. */
  readonly sequence: number;
  readonly receivedAt: string;
  /** Time of the latest event about the order or one of its tickets. */
  readonly updatedAt: string;
  readonly canceled: boolean;
  readonly cancelReason?: string;
  readonly order: Order;
  readonly tickets: Readonly<Record<string, OrderTicket>>;
}

export interface OrdersView {
  readonly orders: KeyedBuckets<OrderView>;
  /** Order ids in the order they were received. */
  readonly received: ChunkedList<string>;
  /** Print jobs that can still change → their order (later job events carry only the job id). */
  readonly liveJobs: KeyedBuckets<string>;
  /** Last ticket number handed out per business day. */
  readonly lastTicketNumbers: KeyedBuckets<number>;
}

export const initialOrders: OrdersView = {
  orders: emptyBuckets,
  received: emptyList,
  liveJobs: emptyBuckets,
  lastTicketNumbers: emptyBuckets,
};
