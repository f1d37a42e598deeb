import type { AnyDomainEvent } from '../events.ts';

/** A delivery Wix signed that bonrelay could not read, about an order nothing has read since. */
export interface UnreadableOrder {
  /** The Wix order id, when the delivery named one: what staff look up in Wix. */
  readonly orderId?: string;
  readonly webhookId: string;
  readonly eventType?: string;
  readonly reason: string;
  /** When the first unreadable delivery about it was recorded. */
  readonly since: string;
  /** Why fetching it from Wix failed; set from the first failure on, and then staff must look. */
  readonly fetchError?: string;
}

/** Open unreadable orders by order id, or by `webhook:<id>` for a delivery that named no order. */
export type UnreadableOrders = Readonly<Record<string, UnreadableOrder>>;

export const initialUnreadableOrders: UnreadableOrders = {};

/** The event types the fold reads; a tail of the log may skip every other type. */
export const unreadableOrderEventTypes: readonly string[] = [
  'OrderUnreadable',
  'OrderFetched',
  'OrderFetchFailed',
  'OrderReceived',
  'OrderApproved',
  'OrderUpdated',
  'OrderCanceled',
  'ReconciliationCompleted',
];

const keyOf = (orderId: string | undefined, webhookId: string) => orderId ?? `webhook:${webhookId}`;

function without(state: UnreadableOrders, key: string): UnreadableOrders {
  if (state[key] === undefined) return state;
  const { [key]: _read, ...rest } = state;
  return rest;
}

function withoutNamelessOnes(state: UnreadableOrders): UnreadableOrders {
  const kept = Object.entries(state).filter(([, open]) => open.orderId !== undefined);
  return kept.length === Object.keys(state).length ? state : Object.fromEntries(kept);
}

/**
 * Which unreadable orders are still open. One closes as soon as its order is read after all: fetched
 * from Wix, received by reconciliation or a later delivery, updated, approved or cancelled. A delivery
 * that named no order cannot be matched, so it closes with the next completed reconciliation: that
 * search covers every order created since shortly before the newest one we knew.
 */
export function reduceUnreadableOrders(state: UnreadableOrders, event: AnyDomainEvent): UnreadableOrders {
  switch (event.type) {
    case 'OrderUnreadable': {
      const { orderId, webhookId, eventType, reason } = event.data;
      const key = keyOf(orderId, webhookId);
      if (state[key] !== undefined) return state;
      const open: UnreadableOrder = {
        ...(orderId === undefined ? {} : { orderId }),
        webhookId,
        ...(eventType === undefined ? {} : { eventType }),
        reason,
        since: event.recordedAt,
      };
      return { ...state, [key]: open };
    }
    case 'OrderFetchFailed': {
      const key = keyOf(event.data.orderId, event.data.webhookId);
      const open = state[key];
      return open ? { ...state, [key]: { ...open, fetchError: event.data.error } } : state;
    }
    case 'OrderFetched':
      return without(state, event.data.orderId);
    case 'OrderReceived':
      return without(state, event.data.order.id);
    case 'OrderApproved':
    case 'OrderUpdated':
    case 'OrderCanceled':
      return without(state, event.data.orderId);
    case 'ReconciliationCompleted':
      return withoutNamelessOnes(state);
    default:
      return state;
  }
}

/** Oldest first: the order that has waited longest for a person is the first one shown. */
export function openUnreadableOrders(state: UnreadableOrders): UnreadableOrder[] {
  return Object.values(state).sort((a, b) => a.since.localeCompare(b.since));
}

/** The ones no fetch could resolve: the dashboard shows these and an alert goes out for each. */
export function unreadableOrdersNeedingAttention(state: UnreadableOrders): UnreadableOrder[] {
  return openUnreadableOrders(state).filter((open) => open.fetchError !== undefined);
}
