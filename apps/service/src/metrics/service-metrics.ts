import { collectDefaultMetrics, Registry } from 'prom-client';
import { logCounters } from './log-counters.ts';
import { type MetricViews, viewGauges } from './view-gauges.ts';
import { type WixApiCounters, wixApiCounters } from './wix-api-counters.ts';

export interface ServiceMetricsOptions {
  readonly views: MetricViews;
  readonly clock: () => Date;
  /** Configured printer names, shown with zeros before anything happens to them. */
  readonly printers: readonly string[];
}

/** What `/metrics` answers: Prometheus text exposition. */
export interface MetricsScrape {
  readonly contentType: string;
  readonly body: string;
}

export interface ServiceMetrics extends WixApiCounters {
  scrape(): Promise<MetricsScrape>;
  /**
   * Wraps the webhook port so redeliveries the log deduplicated are counted (they leave no event).
   * Only that count lives in memory; everything else is read from the views' tables.
   */
  observeWebhooks<A extends { readonly status: number; readonly body?: unknown }>(
    receive: (rawBody: string) => Promise<A>,
  ): (rawBody: string) => Promise<A>;
  stop(): void;
}

function isDuplicate(answer: { readonly status: number; readonly body?: unknown }): boolean {
  const body = answer.body as { duplicate?: unknown } | undefined;
  return answer.status === 200 && body?.duplicate === true;
}

/**
 * Prometheus metrics for the restaurant's operator: the log's counters and the views' gauges, both
 * read from the tables at scrape time (so counters survive restarts, and a start reads no log), and
 * Node's process metrics. It has its own registry so two services in one process (tests) never
 * share numbers.
 */
export function createServiceMetrics(options: ServiceMetricsOptions): ServiceMetrics {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const counters = logCounters(register, options.views);
  viewGauges(register, options.views, options.clock, options.printers);
  return {
    ...wixApiCounters(register),
    scrape: async () => ({ contentType: register.contentType, body: await register.metrics() }),
    observeWebhooks: (receive) => async (rawBody) => {
      const answer = await receive(rawBody);
      if (isDuplicate(answer)) counters.countDuplicateWebhook();
      return answer;
    },
    stop: () => register.clear(),
  };
}
