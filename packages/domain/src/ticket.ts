/**
 * The kinds of paper the restaurant prints. One order yields a kitchen ticket, a customer receipt
 * and (for deliveries) a driver slip; a cancellation slip tells the kitchen to stop cooking.
 */
export type TicketKind = 'kitchen' | 'customer' | 'driver' | 'cancellation' | 'test';

export const orderTicketKinds: readonly TicketKind[] = ['kitchen', 'customer', 'driver'];

/** Priorities in the order they are printed: a critical ticket jumps every normal one. */
export type Priority = 'critical' | 'high' | 'normal';

export const priorityRank: Readonly<Record<Priority, number>> = { critical: 0, high: 1, normal: 2 };

/** Kitchen first, so cooking starts before the receipts of the same order come out. */
export const ticketRank: Readonly<Record<TicketKind, number>> = {
  cancellation: 0,
  kitchen: 1,
  customer: 2,
  driver: 3,
  test: 4,
};
