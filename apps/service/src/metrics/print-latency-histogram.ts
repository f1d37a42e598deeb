import { type PrintLatency, printLatencyBuckets } from '@bonrelay/domain';
import type { Metric, Registry } from 'prom-client';

const name = 'bonrelay_print_latency_seconds';
const help = 'Time from an order being received to its ticket being printed, by ticket';

/** The samples of one ticket's histogram, as prom-client's own `Histogram` lists them. */
function samplesOf(latency: PrintLatency) {
  const { ticket } = latency;
  return [
    ...printLatencyBuckets.map((le, index) => ({
      labels: { le, ticket },
      value: latency.buckets[index] ?? 0,
      metricName: `${name}_bucket`,
    })),
    { labels: { le: '+Inf', ticket }, value: latency.count, metricName: `${name}_bucket` },
    { labels: { ticket }, value: latency.sumSeconds, metricName: `${name}_sum` },
    { labels: { ticket }, value: latency.count, metricName: `${name}_count` },
  ];
}

/**
 * `bonrelay_print_latency_seconds`, read from the views at each scrape. prom-client 15 can only
 * observe into a histogram one value at a time, so this is a metric of our own that answers the
 * registry's `get()` in the shape its `Histogram` does (cumulative buckets with `le`, then sum and
 * count, per ticket): the exposition stays what it was when the histogram was folded in memory.
 */
export function printLatencyHistogram(register: Registry, read: () => readonly PrintLatency[]): void {
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values: read().flatMap(samplesOf),
    }),
    reset: () => undefined,
  };
  // The registry reads only these fields; prom-client's types name its own classes alone.
  register.registerMetric(metric as unknown as Metric);
}
