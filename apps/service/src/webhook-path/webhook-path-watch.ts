import { type EventDataByType, eventToAppend, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { BehaviorSubject, filter, type Observable } from 'rxjs';
import type { CatchUpFinding } from '../reconciliation/catch-up-pass.ts';

type Gap = EventDataByType['WebhookDeliveryGap'];

/** Whether Wix reaches this box, as the dashboard banner and the alerts read it. */
export interface WebhookPathState {
  /** `gap`: catch-up found orders whose webhook never came; `ok` otherwise. */
  readonly status: 'ok' | 'gap';
  readonly gap?: Gap;
  /** The last webhook this process accepted (absent until one arrives after start). */
  readonly lastWebhookAt?: string;
}

export interface WebhookPathWatchOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  /** How late a webhook may be after its order's `updatedDate` before it counts as missing. */
  readonly graceMs: number;
}

export interface WebhookPathWatch {
  /** The ingress accepted a delivery (a redelivery too: the path works). */
  webhookArrived(orderId: string | undefined): void;
  /** Catch-up brought these orders in itself; judged once their grace is over in Wix's time. */
  caughtUp(findings: readonly CatchUpFinding[], wixNow: Date): void;
  state(): WebhookPathState;
  readonly changes$: Observable<WebhookPathState>;
  stop(): void;
}

function openGap(store: EventStore): Gap | undefined {
  let gap: Gap | undefined;
  for (const event of store.readStream(streams.webhookPath)) {
    if (event.type === 'WebhookDeliveryGap') gap = event.data as Gap;
    if (event.type === 'WebhookDeliveryRestored') gap = undefined;
  }
  return gap;
}

/**
 * Judges the webhook path by what catch-up had to fetch: an order Wix listed whose webhook did not
 * arrive within the grace is proof Wix cannot reach us, whatever the internet probes say. Records
 * `WebhookDeliveryGap` once per gap and `WebhookDeliveryRestored` on the next accepted webhook; an
 * open gap survives a restart (it is read back from the log).
 */
export function watchWebhookPath(options: WebhookPathWatchOptions): WebhookPathWatch {
  const { store, clock, graceMs } = options;
  const gap = openGap(store);
  const changes$ = new BehaviorSubject<WebhookPathState>(gap ? { status: 'gap', gap } : { status: 'ok' });
  /** Orders catch-up appended, waiting to see whether their webhook still comes: id → Wix `updatedDate`. */
  const waiting = new Map<string, number>();
  let missedSinceGap = 0;
  let lastWebhookAt: string | undefined;
  // Gap facts recorded by anything else (a hub-fed site, a test) count as much as our own.
  const recorded = store
    .live(store.lastPosition())
    .pipe(filter((event) => event.type === 'WebhookDeliveryGap' || event.type === 'WebhookDeliveryRestored'))
    .subscribe((event) => {
      const current = changes$.value;
      if (event.type === 'WebhookDeliveryRestored') {
        if (current.gap) changes$.next({ status: 'ok', ...(lastWebhookAt ? { lastWebhookAt } : {}) });
        return;
      }
      const gap = event.data as Gap;
      if (current.gap?.detectedAt === gap.detectedAt && current.gap.orders === gap.orders) return;
      changes$.next({ status: 'gap', gap, ...(lastWebhookAt ? { lastWebhookAt } : {}) });
    });

  return {
    stop: () => recorded.unsubscribe(),
    changes$: changes$.asObservable(),
    state: () => ({ ...changes$.value, ...(lastWebhookAt ? { lastWebhookAt } : {}) }),
    webhookArrived(orderId) {
      if (orderId !== undefined) waiting.delete(orderId);
      const now = clock().toISOString();
      lastWebhookAt = now;
      const current = changes$.value;
      if (current.gap) {
        store.append([
          eventToAppend('WebhookDeliveryRestored', streams.webhookPath, `webhook-delivery-restored:${now}`, {
            gapStartedAt: current.gap.detectedAt,
            restoredAt: now,
            missedOrders: current.gap.orders + missedSinceGap,
          }),
        ]);
        missedSinceGap = 0;
        waiting.clear();
        changes$.next({ status: 'ok', lastWebhookAt: now });
      }
    },
    caughtUp(findings, wixNow) {
      for (const { orderId, updatedAt } of findings) waiting.set(orderId, Date.parse(updatedAt));
      const missed: { orderId: string; at: number }[] = [];
      for (const [orderId, at] of waiting) {
        if (wixNow.getTime() - at < graceMs) continue;
        missed.push({ orderId, at });
        waiting.delete(orderId);
      }
      if (missed.length === 0) return;
      if (changes$.value.gap) {
        missedSinceGap += missed.length;
        return;
      }
      const oldest = missed.reduce((a, b) => (b.at < a.at ? b : a));
      const detectedAt = clock().toISOString();
      const data: Gap = {
        orders: missed.length,
        oldestOrderId: oldest.orderId,
        oldestUpdatedAt: new Date(oldest.at).toISOString(),
        ...(lastWebhookAt ? { lastWebhookAt } : {}),
        detectedAt,
      };
      store.append([
        eventToAppend('WebhookDeliveryGap', streams.webhookPath, `webhook-delivery-gap:${detectedAt}`, data),
      ]);
      changes$.next({ status: 'gap', gap: data, ...(lastWebhookAt ? { lastWebhookAt } : {}) });
    },
  };
}
