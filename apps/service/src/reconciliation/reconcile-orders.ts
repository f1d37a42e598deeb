import { randomUUID } from 'node:crypto';
import { type EventToAppend, eventToAppend, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { OrderQueries } from '@bonrelay/views';
import { normaliseOrder, type WixClient, WixRequestError } from '@bonrelay/wix';
import { orderFromWix } from './order-from-wix.ts';

export interface ReconciliationOptions {
  readonly store: EventStore;
  readonly client: WixClient;
  readonly clock: () => Date;
  /** The orders we know: the newest say where to search from, the rest are not appended again. */
  readonly orders: Pick<OrderQueries, 'recent' | 'exists'>;
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  /** Look back this far before the newest order we know, for orders created while we were blind. */
  readonly safetyMarginMs: number;
  /** With no order known yet, look back this far from now. */
  readonly lookbackMs: number;
}

export type ReconciliationReport =
  | { ok: true; from: string; to: string; found: number; appended: number; unreadable: number }
  | { ok: false; from: string; error: string };

/**
 * Where the search starts: shortly before the earlier of the newest order we know and the end of
 * the last successful reconciliation. The newest order alone is not enough: after an outage, Wix's
 * retry of a late order may arrive first and hide the older ones missed meanwhile. Never further
 * back than the lookback (Wix itself stops retrying after about two days).
 */
function windowStart(options: ReconciliationOptions): string {
  const now = options.clock().getTime();
  let newest = Number.NEGATIVE_INFINITY;
  for (const view of options.orders.recent(50)) {
    if (view.order.source !== 'local') newest = Math.max(newest, Date.parse(view.order.createdAt));
  }
  let lastCompleted = Number.NEGATIVE_INFINITY;
  for (const event of options.store.readStream(streams.reconciliation)) {
    if (event.type === 'ReconciliationCompleted')
      lastCompleted = Date.parse((event.data as { to: string }).to);
  }
  const known = [newest, lastCompleted].filter(Number.isFinite);
  const base = known.length > 0 ? Math.min(...known) : now - options.lookbackMs;
  return new Date(Math.max(base - options.safetyMarginMs, now - options.lookbackMs)).toISOString();
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
  let unreadable = 0;
  try {
    for await (const page of options.client.searchOrdersCreatedSince(from)) {
      const events: EventToAppend[] = [];
      for (const raw of page) {
        const normalised = normaliseOrder(raw, 'reconciliation');
        if (!normalised.ok) {
          unreadable++;
          continue;
        }
        found++;
        if (options.orders.exists(normalised.order.id)) continue;
        events.push(orderFromWix(normalised.order));
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
      unreadable,
    }),
  ]);
  return { ok: true, from, to, found, appended, unreadable };
}
