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

/** How an order reached this box without catch-up: Wix's webhook, or the hub's order stream. */
export type OrderPath = 'webhook' | 'hub';

export interface WebhookPathWatch {
  /** The ingress (or the hub's stream) accepted a delivery (a redelivery too: the path works). */
  webhookArrived(orderId: string | undefined, via?: OrderPath): void;
  /**
   * A hub-fed site's order stream has been down since `since`, for the grace: without a direct
   * webhook since (or within the grace before), no order can reach the box but through catch-up.
   */
  hubStreamDown(since: Date): void;
  /** The hub's order stream answers again: a gap it caused is over. */
  hubStreamUp(): void;
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
 * open gap survives a restart (it is read back from the log). A site fed by a hub takes an order
 * from the hub's stream as proof too, and a stream down past the grace as a gap of its own.
 */
export function watchWebhookPath(options: WebhookPathWatchOptions): WebhookPathWatch {
  const { store, clock, graceMs } = options;
  const gap = openGap(store);
  const changes$ = new BehaviorSubject<WebhookPathState>(gap ? { status: 'gap', gap } : { status: 'ok' });
  /** Orders catch-up appended, waiting to see whether their webhook still comes: id → Wix `updatedDate`. */
  const waiting = new Map<string, number>();
  let missedSinceGap = 0;
  let lastWebhookAt: string | undefined;
  let lastDirectWebhookAt: number | undefined;
  let hubDownSince: Date | undefined;
  const openGapNow = (data: Gap) => {
    store.append([
      eventToAppend(
        'WebhookDeliveryGap',
        streams.webhookPath,
        `webhook-delivery-gap:${data.detectedAt}`,
        data,
      ),
    ]);
    changes$.next({ status: 'gap', gap: data, ...(lastWebhookAt ? { lastWebhookAt } : {}) });
  };
  const restore = (now: string) => {
    const current = changes$.value;
    if (!current.gap) return;
    store.append([
      eventToAppend('WebhookDeliveryRestored', streams.webhookPath, `webhook-delivery-restored:${now}`, {
        gapStartedAt: current.gap.detectedAt,
        restoredAt: now,
        missedOrders: current.gap.orders + missedSinceGap,
      }),
    ]);
    missedSinceGap = 0;
    waiting.clear();
    changes$.next({ status: 'ok', ...(lastWebhookAt ? { lastWebhookAt } : {}) });
  };
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
    webhookArrived(orderId, via = 'webhook') {
      if (orderId !== undefined) waiting.delete(orderId);
      const at = clock();
      const now = at.toISOString();
      lastWebhookAt = now;
      if (via === 'webhook') lastDirectWebhookAt = at.getTime();
      restore(now);
    },
    hubStreamDown(since) {
      hubDownSince = since;
      // Wix reached the box directly lately (or since): orders still come, whatever the hub does.
      if (lastDirectWebhookAt !== undefined && lastDirectWebhookAt >= since.getTime() - graceMs) return;
      if (changes$.value.gap) return;
      const detectedAt = clock().toISOString();
      openGapNow({
        orders: 0,
        ...(lastWebhookAt ? { lastWebhookAt } : {}),
        detectedAt,
        cause: 'hub-unreachable',
        hubDownSince: since.toISOString(),
      });
    },
    hubStreamUp() {
      hubDownSince = undefined;
      if (changes$.value.gap?.cause === 'hub-unreachable') restore(clock().toISOString());
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
      openGapNow({
        orders: missed.length,
        oldestOrderId: oldest.orderId,
        oldestUpdatedAt: new Date(oldest.at).toISOString(),
        ...(lastWebhookAt ? { lastWebhookAt } : {}),
        detectedAt: clock().toISOString(),
        // The orders were held at an unreachable hub: say so, and let its return end the gap.
        ...(hubDownSince ? { cause: 'hub-unreachable', hubDownSince: hubDownSince.toISOString() } : {}),
      });
    },
  };
}
