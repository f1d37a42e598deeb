import type { Order } from '@bonrelay/domain';
import { type EventToAppend, eventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { handleForQuery, orderHandles } from './customer-id.ts';
import type { Keyring } from './keyring.ts';
import { orderEventTypes } from './privacy-codec.ts';

export interface ForgetDependencies {
  readonly store: EventStore;
  readonly keyring: Keyring;
  readonly clock: () => Date;
}

/** What a forget did: whose keys were destroyed, which orders now read "[erased]". */
export interface ForgetReport {
  readonly customerIds: readonly string[];
  readonly orderIds: readonly string[];
  /** False when a reader held the WAL, so old pages with the deleted keys may linger until the next checkpoint. */
  readonly walPurged: boolean;
}

interface Sighting {
  readonly orderId: string;
  readonly customerId: string | undefined;
  readonly handles: readonly string[];
}

const pageSize = 5_000;

function sightings(store: EventStore): Sighting[] {
  const seen: Sighting[] = [];
  for (let after = 0; ; ) {
    const page = store.read({ after, limit: pageSize, types: [...orderEventTypes] });
    for (const event of page) {
      const data = event.data as { order: Order; customerId?: string };
      seen.push({ orderId: data.order.id, customerId: data.customerId, handles: orderHandles(data.order) });
    }
    if (page.length < pageSize) return seen;
    after = page[page.length - 1]?.position ?? after;
  }
}

/**
 * Finds every data key behind a guest — the orders matching the email, phone or order id given,
 * any other order filed under the same pseudonym, the keys of those orders' unreadable deliveries,
 * and any key the query maps to directly — then
 * deletes those keys and records `CustomerForgotten` in one transaction, and purges the WAL.
 */
export function forgetCustomer(deps: ForgetDependencies, query: string): ForgetReport {
  const { store, keyring, clock } = deps;
  const handle = handleForQuery(query);
  const seen = sightings(store);
  const matched = new Set(seen.filter((s) => s.handles.includes(handle)).map((s) => s.orderId));
  const customerIds = new Set([keyring.customerIdForQuery(query)]);
  for (const s of seen) if (matched.has(s.orderId) && s.customerId) customerIds.add(s.customerId);
  // An unreadable delivery of a matched order is sealed under the order's own key.
  for (const orderId of matched) customerIds.add(keyring.customerIdForQuery(orderId));
  const live = [...customerIds].filter((id) => keyring.existingKeyFor(id) !== undefined);
  if (live.length === 0) return { customerIds: [], orderIds: [], walPurged: true };

  const at = clock().toISOString();
  const ordersOf = (customerId: string) => [
    ...new Set(seen.filter((s) => s.customerId === customerId).map((s) => s.orderId)),
  ];
  const events: EventToAppend[] = live.map((customerId) =>
    eventToAppend('CustomerForgotten', `customer-${customerId}`, `customer-forgotten:${customerId}:${at}`, {
      customerId,
      at,
      orderIds: ordersOf(customerId),
    }),
  );
  store.connection.transaction(() => {
    for (const customerId of live) keyring.forget(customerId);
    store.append(events);
  })();
  const orderIds = [...new Set(live.flatMap(ordersOf))];
  return { customerIds: live, orderIds, walPurged: keyring.purge() };
}
