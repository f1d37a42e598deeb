import type { EventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { OrderQueries } from '@bonrelay/views';
import { createWixClient, type WixClient, type WixClientOptions } from '@bonrelay/wix';
import type { Config } from '../config/index.ts';
import { type ReconciliationReport, reconcileOrders } from './reconcile-orders.ts';

export interface ReconcilerOptions {
  readonly store: EventStore;
  readonly config: Config;
  readonly clock: () => Date;
  readonly orders: Pick<OrderQueries, 'recent' | 'exists'>;
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  /** The client every Wix caller shares (it reports Wix's time and counts requests). */
  readonly client?: WixClient;
}

type Outcome = ReconciliationReport | { ok: false; error: string };

/**
 * The Wix REST client when an API key and site id are configured; without them nothing is fetched.
 * `hooks` let the service read Wix's clock from every answer and count what catch-up costs.
 */
export function wixApiClient(
  config: Config,
  hooks: Pick<WixClientOptions, 'onServerDate' | 'fetch'> = {},
): WixClient | undefined {
  if (!config.wix.apiKey || !config.wix.siteId) return undefined;
  return createWixClient({
    ...hooks,
    baseUrl: config.wix.apiBase,
    apiKey: config.wix.apiKey,
    siteId: config.wix.siteId,
    timeoutMs: config.wix.timeoutMs,
    retries: config.wix.retries,
    retryDelayMs: config.wix.retryDelayMs,
  });
}

/**
 * Reconciliation as the service runs it: one at a time (start-up, the internet coming back and a
 * manager's click may coincide; they share the run in progress), and a clear answer when the Wix
 * API is not configured.
 */
export function createReconciler(options: ReconcilerOptions): () => Promise<Outcome> {
  const { config } = options;
  const client = options.client ?? wixApiClient(config);
  let running: Promise<Outcome> | undefined;
  return () => {
    if (!client) {
      return Promise.resolve({
        ok: false,
        error: 'Wix API not configured (BONRELAY_WIX_API_KEY, BONRELAY_WIX_SITE_ID)',
      });
    }
    running ??= reconcileOrders({
      store: options.store,
      client,
      clock: options.clock,
      orders: options.orders,
      consequences: options.consequences,
      safetyMarginMs: config.wix.reconcileSafetyMarginMs,
      lookbackMs: config.wix.reconcileLookbackMs,
    })
      .catch((error: unknown): Outcome => ({ ok: false, error: String(error) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
