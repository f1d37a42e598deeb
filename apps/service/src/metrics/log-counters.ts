import type { LogCounter } from '@bonrelay/domain';
import { Counter, type Registry } from 'prom-client';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import { printLatencyHistogram } from './print-latency-histogram.ts';

const webhookLabels = ['outcome', 'reason'];
const orderLabels = ['source'];
const attemptLabels = ['printer', 'outcome'];

export interface LogCounters {
  /** A redelivery the log deduplicated: it leaves no event, so ingress reports it here. */
  countDuplicateWebhook(): void;
}

/**
 * The counters that are facts of the log (webhooks, orders, attempts, print latency). Their totals
 * are rows the views keep, read at scrape time, so a restart shows the same totals without reading
 * the log again. Only duplicate webhooks, which leave no event, are counted here since start.
 */
export function logCounters(register: Registry, views: Pick<BonrelayViews, 'metrics'>): LogCounters {
  let duplicates = 0;
  // Labels in the metric's own order: the rows keep them sorted, the exposition lists them as declared.
  const fromRows = (counter: LogCounter, metric: Counter<string>, labelNames: readonly string[]) => {
    for (const { labels, value } of views.metrics.counter(counter)) {
      const ordered = labelNames.filter((label) => label in labels).map((label) => [label, labels[label]]);
      metric.inc(Object.fromEntries(ordered), value);
    }
  };
  new Counter({
    name: 'bonrelay_webhooks_total',
    help: 'Wix webhook deliveries by outcome (accepted, unreadable, duplicate, rejected with a reason)',
    labelNames: webhookLabels,
    registers: [register],
    collect() {
      this.reset();
      this.inc({ outcome: 'accepted' }, 0);
      this.inc({ outcome: 'duplicate' }, duplicates);
      fromRows('webhooks', this, webhookLabels);
    },
  });
  new Counter({
    name: 'bonrelay_orders_total',
    help: 'Orders received, by source (wix, local, reconciliation)',
    labelNames: orderLabels,
    registers: [register],
    collect() {
      this.reset();
      fromRows('orders', this, orderLabels);
    },
  });
  new Counter({
    name: 'bonrelay_print_attempts_total',
    help: 'Print attempts by printer and outcome (printed, or the failure)',
    labelNames: attemptLabels,
    registers: [register],
    collect() {
      this.reset();
      fromRows('print-attempts', this, attemptLabels);
    },
  });
  printLatencyHistogram(register, () => views.metrics.printLatencies());
  return {
    countDuplicateWebhook: () => {
      duplicates += 1;
    },
  };
}
