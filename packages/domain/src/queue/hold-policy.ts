import type { Order } from '../order.ts';
import type { TicketKind } from '../ticket.ts';

/** When a pre-order's tickets wait for prep time instead of printing hours before anyone cooks. */
export interface HoldPolicy {
  /** Slots starting further ahead than this are held. */
  readonly holdBeyondMinutes: number;
  /** Held tickets print this long before the slot starts. */
  readonly prepLeadMinutes: number;
  /** The ticket kinds that wait; the others (the guest's receipt) print at once. */
  readonly heldTickets: readonly TicketKind[];
}

/** The hold of one ticket: print at `notBefore`, for a slot starting at `slotStartsAt`. */
export interface Hold {
  readonly notBefore: string;
  readonly slotStartsAt: string;
}

/** When the guest wants the food, if they chose a time at all (ASAP orders have none). */
export function slotStartOf(order: Order): string | undefined {
  const { wanted } = order.fulfilment;
  if (wanted.kind === 'at') return wanted.at;
  if (wanted.kind === 'slot') return wanted.from;
  return undefined;
}

/**
 * Whether a ticket should wait, and until when: only a kind the policy holds, for an order whose
 * slot starts further ahead than the policy's horizon. A near slot or an ASAP order prints at once,
 * as the kitchen expects.
 */
export function holdFor(order: Order, ticket: TicketKind, policy: HoldPolicy, now: Date): Hold | undefined {
  if (!policy.heldTickets.includes(ticket)) return undefined;
  const slotStartsAt = slotStartOf(order);
  if (slotStartsAt === undefined) return undefined;
  const start = Date.parse(slotStartsAt);
  if (Number.isNaN(start) || start - now.getTime() <= policy.holdBeyondMinutes * 60_000) return undefined;
  const notBefore = new Date(start - policy.prepLeadMinutes * 60_000).toISOString();
  return { notBefore, slotStartsAt: new Date(start).toISOString() };
}
