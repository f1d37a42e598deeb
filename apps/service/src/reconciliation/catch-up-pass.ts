import { type EventToAppend, eventToAppend, type Order, type OrderView, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { OrderQueries } from '@bonrelay/views';
import { normaliseOrder, type WixClient, WixRequestError } from '@bonrelay/wix';
import { orderFromWix } from './order-from-wix.ts';

export interface CatchUpOptions {
  readonly store: EventStore;
  readonly client: WixClient;
  readonly orders: Pick<OrderQueries, 'order'>;
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  /** Our clock corrected by the offset measured against Wix: where a first pass starts. */
  readonly wixNow: () => Date;
  /** Look back this far before the cursor: Wix's search index may list a change a little late. */
  readonly safetyMarginMs: number;
  /** Never further back than this before Wix's now (a cursor left from months ago). */
  readonly lookbackMs: number;
}

/** An order catch-up had to bring in itself (new to us, or a change we never heard of), in Wix's time. */
export interface CatchUpFinding {
  readonly orderId: string;
  readonly updatedAt: string;
}

export type CatchUpReport =
  | {
      ok: true;
      from: string;
      cursor: string | undefined;
      found: number;
      appended: number;
      changed: number;
      unreadable: number;
      findings: readonly CatchUpFinding[];
    }
  | { ok: false; from: string; error: string };

const orderEventTypes = new Set(['OrderReceived', 'OrderApproved', 'OrderCanceled']);

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function updatedDateOf(raw: unknown, order: Order): string {
  const updated = (raw as { updatedDate?: unknown } | null)?.updatedDate;
  return typeof updated === 'string' && Number.isFinite(Date.parse(updated)) ? updated : order.createdAt;
}

/**
 * What Wix knows about an order that we do not: the order itself, or an approval or cancellation
 * made in Wix. Event ids are the ones the webhooks use, so a webhook racing us adds nothing twice.
 */
function missingFacts(order: Order, known: OrderView | undefined): EventToAppend[] {
  const stream = streams.order(order.id);
  if (known === undefined) return [orderFromWix(order)];
  const status = order.status.toUpperCase();
  if (status === 'CANCELED' && !known.canceled) {
    return [eventToAppend('OrderCanceled', stream, `order-canceled:${order.id}`, { orderId: order.id })];
  }
  if (status === 'APPROVED' && !known.canceled && known.status.toUpperCase() !== 'APPROVED') {
    return [
      eventToAppend('OrderApproved', stream, `order-approved:${order.id}`, { orderId: order.id, order }),
    ];
  }
  return [];
}

/** Where a pass starts: shortly before the newest change seen, in Wix's time; bounded by the lookback. */
export function catchUpFrom(cursor: string | undefined, options: CatchUpOptions): string {
  const wixNow = options.wixNow().getTime();
  const base = cursor === undefined ? wixNow : Date.parse(cursor);
  return new Date(Math.max(base - options.safetyMarginMs, wixNow - options.lookbackMs)).toISOString();
}

/**
 * One catch-up pass while everything looks fine: asks Wix for every order created or changed since
 * shortly before `cursor` and appends what the log lacks, with its print jobs or cancellation slip,
 * exactly as the webhook would have. It records nothing itself: the caller decides whether the pass
 * is worth an event (only findings are). Expected failures come back typed.
 */
export async function catchUpPass(
  options: CatchUpOptions,
  cursor: string | undefined,
): Promise<CatchUpReport> {
  const from = catchUpFrom(cursor, options);
  let next = cursor;
  let found = 0;
  let appended = 0;
  let changed = 0;
  let unreadable = 0;
  const findings: CatchUpFinding[] = [];
  try {
    for await (const page of options.client.searchOrdersUpdatedSince(from)) {
      const events: EventToAppend[] = [];
      const updatedAt = new Map<string, string>();
      for (const raw of page) {
        const normalised = normaliseOrder(raw, 'reconciliation');
        if (!normalised.ok) {
          unreadable++;
          continue;
        }
        found++;
        const { order } = normalised;
        const updated = updatedDateOf(raw, order);
        next = later(next, updated);
        const facts = missingFacts(order, options.orders.order(order.id));
        if (facts.length > 0) updatedAt.set(order.id, updated);
        events.push(...facts);
      }
      if (events.length === 0) continue;
      const result = options.store.append(
        [...events, ...options.consequences(events)].map((event) => ({
          ...event,
          metadata: { source: 'reconciliation' },
        })),
      );
      for (const event of result.appended) {
        if (!orderEventTypes.has(event.type)) continue;
        if (event.type === 'OrderReceived') appended++;
        else changed++;
        const orderId = event.stream.slice(streams.order('').length);
        const at = updatedAt.get(orderId);
        if (at !== undefined) findings.push({ orderId, updatedAt: at });
      }
    }
  } catch (error) {
    return { ok: false, from, error: error instanceof WixRequestError ? error.message : String(error) };
  }
  return { ok: true, from, cursor: next, found, appended, changed, unreadable, findings };
}
