export type { LogCounters } from './log-counters.ts';
export { logCounters } from './log-counters.ts';
export type { MetricsScrape, ServiceMetrics, ServiceMetricsOptions } from './service-metrics.ts';
export { createServiceMetrics } from './service-metrics.ts';
export type { MetricViews } from './view-gauges.ts';
export { viewGauges } from './view-gauges.ts';
