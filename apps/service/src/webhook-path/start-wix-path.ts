import type { EventStore } from '@bonrelay/event-store';
import type { WixClient } from '@bonrelay/wix';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { wixApiClient } from '../reconciliation/reconciler.ts';
import { type ClockSkewWatch, watchClockSkew } from './clock-skew-watch.ts';
import { type PublicPathCheck, startPublicPathCheck } from './public-path-check.ts';
import { type WebhookPathWatch, watchWebhookPath } from './webhook-path-watch.ts';
import { type WixHealth, wixHealth } from './wix-health.ts';

export interface WixPathOptions {
  readonly config: Config;
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Counts each request to the Wix API (the catch-up's cost is reported from it). */
  readonly countRequest: () => void;
}

export interface WixPath {
  readonly clockSkew: ClockSkewWatch;
  readonly webhookPath: WebhookPathWatch;
  readonly health: WixHealth;
  /** The Wix API, measuring our clock against each answer's `Date`; undefined without a key. */
  readonly client: WixClient | undefined;
  stop(): void;
}

/**
 * Everything that judges whether Wix can reach this box and whether our clock agrees with Wix's —
 * the webhook-path watch, the clock watch, the optional public-URL self-check and the API client
 * that feeds the clock — built together, because each reads the others.
 */
export function startWixPath(options: WixPathOptions): WixPath {
  const { config, store, clock, scheduler, logger } = options;
  const clockSkew = watchClockSkew({ store, clock, alertMs: config.wix.clockSkewAlertMs });
  const webhookPath = watchWebhookPath({ store, clock, graceMs: config.wix.webhookGraceMs });
  const publicPath: PublicPathCheck | undefined = config.server.publicUrl
    ? startPublicPathCheck({
        publicUrl: config.server.publicUrl,
        intervalMs: config.monitor.webhookPathIntervalMs,
        timeoutMs: config.wix.timeoutMs,
        store,
        clock,
        scheduler,
        onError: (error) => logger.warn({ err: error }, 'could not record the public URL check'),
      })
    : undefined;
  const client = wixApiClient(config, {
    onServerDate: (date) => clockSkew.measure(date, 'wix-api-date'),
    fetch: (input, init) => {
      options.countRequest();
      return fetch(input, init);
    },
  });
  return {
    clockSkew,
    webhookPath,
    health: wixHealth(webhookPath, clockSkew, publicPath),
    client,
    stop: () => {
      publicPath?.stop();
      webhookPath.stop();
    },
  };
}
