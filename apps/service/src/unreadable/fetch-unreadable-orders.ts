import {
  type EventToAppend,
  eventToAppend,
  openUnreadableOrders,
  streams,
  type UnreadableOrder,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { OrderQueries } from '@bonrelay/views';
import { normaliseOrder, type WixClient, type WixFailure } from '@bonrelay/wix';
import { fetchedOrderEvents } from './fetched-order-events.ts';
import type { UnreadableOrdersView } from './unreadable-orders-view.ts';

export interface UnreadableRecoveryOptions {
  readonly store: EventStore;
  readonly unreadable: UnreadableOrdersView;
  /** Undefined without a Wix API key: nothing can be fetched, so staff are told at once. */
  readonly client: WixClient | undefined;
  readonly clock: () => Date;
  readonly orders: Pick<OrderQueries, 'order'>;
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  /** Searches Wix for recent orders: the only way to find the order of a delivery that named none. */
  readonly reconcile: () => void;
  /** Told when recording an outcome fails (the disk is full); the next retry tries again. */
  readonly onError?: (error: unknown) => void;
}

export interface UnreadableRecovery {
  /** Fetches every open unreadable order that names its order again (after a reconciliation). */
  retry(): Promise<void>;
  stop(): void;
}

const keyOf = (open: UnreadableOrder) => open.orderId ?? `webhook:${open.webhookId}`;

function describe(failure: WixFailure): string {
  const status = failure.status === undefined ? '' : ` ${failure.status}`;
  return `Wix answered ${failure.kind}${status}: ${failure.detail}`;
}

/**
 * Fetches, by id, the order of each delivery Wix signed but we could not read, and appends it the
 * way reconciliation would, so it prints. When that cannot work (no API key, Wix down, no such
 * order, still unreadable) it records why, which puts the order on the dashboard and raises an
 * alert. Each unreadable delivery is tried once as it arrives and again after each reconciliation.
 */
export function startUnreadableRecovery(options: UnreadableRecoveryOptions): UnreadableRecovery {
  const { store, unreadable, client, clock } = options;
  const tried = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;

  const record = (events: readonly EventToAppend[], webhookId: string) => {
    if (stopped) return;
    try {
      store.append(
        events.map((event) => ({ ...event, metadata: { source: 'wix-fetch', correlationId: webhookId } })),
      );
    } catch (error) {
      options.onError?.(error);
    }
  };

  const fetchOrder = async (open: UnreadableOrder): Promise<void> => {
    // Never append from inside the log's own notification of the delivery: start on a fresh tick.
    await Promise.resolve();
    const { webhookId, orderId } = open;
    const failed = (error: string) => {
      const stream = orderId === undefined ? streams.webhook(webhookId) : streams.order(orderId);
      const id = `order-fetch-failed:${webhookId}:${clock().toISOString()}`;
      const data = orderId === undefined ? { webhookId, error } : { webhookId, orderId, error };
      record([eventToAppend('OrderFetchFailed', stream, id, data)], webhookId);
    };
    if (client === undefined) {
      return failed('no Wix API key is configured (BONRELAY_WIX_API_KEY, BONRELAY_WIX_SITE_ID)');
    }
    if (orderId === undefined) {
      failed('the delivery names no order; a reconciliation looks for recent orders');
      return options.reconcile();
    }
    const answer = await client.getOrder(orderId);
    if (!answer.ok) return failed(describe(answer));
    const read = normaliseOrder(answer.value, 'reconciliation');
    if (!read.ok) return failed(`the order Wix returned cannot be read either: ${read.problem}`);
    const events = fetchedOrderEvents(read.order, webhookId, options.orders.order(read.order.id));
    record([...events, ...options.consequences(events)], webhookId);
  };

  const attempt = (open: UnreadableOrder): Promise<void> => {
    const key = keyOf(open);
    const running = inFlight.get(key);
    if (running) return running;
    const done = fetchOrder(open)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => inFlight.delete(key));
    inFlight.set(key, done);
    return done;
  };

  const tryNewOnes = () => {
    const open = openUnreadableOrders(unreadable.state());
    const stillOpen = new Set(open.map((one) => one.webhookId));
    for (const webhookId of tried) if (!stillOpen.has(webhookId)) tried.delete(webhookId);
    for (const one of open) {
      if (one.fetchError !== undefined || tried.has(one.webhookId)) continue;
      tried.add(one.webhookId);
      void attempt(one);
    }
  };
  const subscription = unreadable.changes$.subscribe(tryNewOnes);
  tryNewOnes();

  return {
    retry: async () => {
      if (client === undefined) return;
      const named = openUnreadableOrders(unreadable.state()).filter((open) => open.orderId !== undefined);
      await Promise.all(named.map(attempt));
    },
    stop: () => {
      stopped = true;
      subscription.unsubscribe();
    },
  };
}
