import { randomUUID } from 'node:crypto';
import {
  type EventToAppend,
  eventToAppend,
  listOrders,
  type OrdersView,
  orderById,
  streams,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { normaliseOrder, type WixClient, WixRequestError } from '@bonrelay/wix';

export interface ReconciliationOptions {
  readonly store: EventStore;
  readonly client: WixClient;
  readonly clock: () => Date;
  readonly orders: () => OrdersView;
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  /** Look back this far before the newest order we know, for orders created while we were blind. */
  readonly safetyMarginMs: number;
  /** With no order known yet, look back this far from now. */
  readonly lookbackMs: number;
}

export type ReconciliationReport =
  | { ok: true; from: string; to: string; found: number; appended: number }
  | { ok: false; from: string; error: string };

function windowStart(options: ReconciliationOptions): string {
  let newest = Number.NEGATIVE_INFINITY;
  for (const view of listOrders(options.orders(), { limit: 50 }).orders) {
    if (view.order.source !== 'local') newest = Math.max(newest, Date.parse(view.order.createdAt));
  }
  const base = Number.isFinite(newest) ? newest : options.clock().getTime() - options.lookbackMs;
  return new Date(base - options.safetyMarginMs).toISOString();
}

/**
 * Closes the gap webhooks leave: asks Wix for every order created since shortly before the newest
 * one we know, and appends the ones we never saw (source `reconciliation`). Dedupe is by order id,
 * both against the view and, for a webhook racing us, by the deterministic `order-received:<id>`
 * event id the store refuses to store twice.
 */
export async function reconcileOrders(options: ReconciliationOptions): Promise<ReconciliationReport> {
  const from = windowStart(options);
  let found = 0;
  let appended = 0;
  try {
    for await (const page of options.client.searchOrdersCreatedSince(from)) {
      const events: EventToAppend[] = [];
      for (const raw of page) {
        const normalised = normaliseOrder(raw, 'reconciliation');
        if (!normalised.ok) continue;
        found++;
        if (orderById(options.orders(), normalised.order.id)) continue;
        events.push(
          eventToAppend(
            'OrderReceived',
            streams.order(normalised.order.id),
            `order-received:${normalised.order.id}`,
            {
              order: normalised.order,
            },
          ),
        );
      }
      if (events.length === 0) continue;
      const result = options.store.append(
        [...events, ...options.consequences(events)].map((event) => ({
          ...event,
          metadata: { source: 'reconciliation' },
        })),
      );
      appended += result.appended.filter((event) => event.type === 'OrderReceived').length;
    }
  } catch (error) {
    const message = error instanceof WixRequestError ? error.message : String(error);
    options.store.append([
      eventToAppend('ReconciliationFailed', streams.reconciliation, `reconciliation-failed:${randomUUID()}`, {
        from,
        error: message,
      }),
    ]);
    return { ok: false, from, error: message };
  }
  const to = options.clock().toISOString();
  options.store.append([
    eventToAppend('ReconciliationCompleted', streams.reconciliation, `reconciliation:${randomUUID()}`, {
      from,
      to,
      found,
      appended,
    }),
  ]);
  return { ok: true, from, to, found, appended };
}
