import {
  initialUnreadableOrders,
  reduceUnreadableOrders,
  streams,
  type UnreadableOrders,
  unreadableOrderEventTypes,
} from '@bonrelay/domain';
import type { EventStore, StoredEvent } from '@bonrelay/event-store';
import { toDomainEvent } from '@bonrelay/views';
import { type Observable, Subject } from 'rxjs';

/** The open unreadable orders, current with every append. */
export interface UnreadableOrdersView {
  state(): UnreadableOrders;
  /** Emits the new state whenever an order opens, fails to fetch or closes. */
  readonly changes$: Observable<UnreadableOrders>;
  stop(): void;
}

/** Unreadable deliveries carry a raw body of up to a megabyte each: read them a few at a time. */
const pageSize = 20;
const foldedTypes = new Set(unreadableOrderEventTypes);

/**
 * The facts that bear on unreadable orders up to `until`, without decoding the whole log: every
 * unreadable delivery, then the streams of the orders they name (fetches, failures, the order read
 * after all) and, for deliveries that named no order, their own stream and later reconciliations.
 */
function history(store: EventStore, until: number): StoredEvent[] {
  const orderIds = new Set<string>();
  const nameless = new Map<string, number>();
  for (let after = 0; after < until; ) {
    const page = store.read({ after, limit: pageSize, types: ['OrderUnreadable'] });
    for (const event of page) {
      if (event.position > until) break;
      const { orderId, webhookId } = event.data as { orderId?: string; webhookId: string };
      if (orderId !== undefined) orderIds.add(orderId);
      else nameless.set(webhookId, Math.min(nameless.get(webhookId) ?? event.position, event.position));
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.position ?? until;
  }
  const found = [
    ...[...orderIds].flatMap((orderId) => store.readStream(streams.order(orderId))),
    ...[...nameless.keys()].flatMap((webhookId) => store.readStream(streams.webhook(webhookId))),
  ];
  if (nameless.size > 0) {
    const after = Math.min(...nameless.values());
    found.push(...store.read({ after, types: ['ReconciliationCompleted'] }));
  }
  return found
    .filter((event) => event.position <= until && foldedTypes.has(event.type))
    .sort((a, b) => a.position - b.position);
}

/**
 * Keeps the set of open unreadable orders: a tiny view of its own, outside the projections, so it
 * costs nothing when there are none. It starts from the few streams that matter, then follows the
 * live log; only the open ones stay in memory.
 */
export function watchUnreadableOrders(store: EventStore): UnreadableOrdersView {
  const until = store.lastPosition();
  let state = initialUnreadableOrders;
  for (const event of history(store, until)) state = reduceUnreadableOrders(state, toDomainEvent(event));
  const changes = new Subject<UnreadableOrders>();
  const subscription = store.live(until).subscribe((event) => {
    if (!foldedTypes.has(event.type)) return;
    const next = reduceUnreadableOrders(state, toDomainEvent(event));
    if (next === state) return;
    state = next;
    changes.next(state);
  });
  return {
    state: () => state,
    changes$: changes.asObservable(),
    stop: () => {
      subscription.unsubscribe();
      changes.complete();
    },
  };
}
