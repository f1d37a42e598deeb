import { type BreakerState, printJobStates } from '@bonrelay/domain';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';

export type MetricViews = Pick<BonrelayViews, 'jobs' | 'connectivity' | 'metrics'>;

const breakerValue: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The numbers that describe "now" (queue, breakers, outages). They are read from the views at
 * scrape time, so they can never drift from what the dashboard shows. Configured printers appear
 * with zeros before their first job, so an alert rule sees them from the start.
 */
export function viewGauges(
  register: Registry,
  views: MetricViews,
  clock: () => Date,
  printers: readonly string[],
) {
  const printersNow = () => {
    const names = new Set(printers);
    for (const { printer } of views.jobs.backlog()) names.add(printer);
    for (const { printer } of views.connectivity.printers()) names.add(printer);
    return [...names];
  };

  new Gauge({
    name: 'bonrelay_print_jobs',
    help: 'Print jobs in the queue view, by state and printer',
    labelNames: ['state', 'printer'],
    registers: [register],
    collect() {
      this.reset();
      const summary = views.jobs.summary(clock());
      for (const printer of printersNow())
        for (const state of printJobStates)
          this.set({ state, printer }, summary.byPrinter[printer]?.[state] ?? 0);
    },
  });
  new Gauge({
    name: 'bonrelay_queue_depth',
    help: 'Tickets not yet on paper (queued, printing, waiting to retry), by printer',
    labelNames: ['printer'],
    registers: [register],
    collect() {
      this.reset();
      const backlog = new Map(views.jobs.backlog().map((entry) => [entry.printer, entry.waiting]));
      for (const printer of printersNow()) this.set({ printer }, backlog.get(printer) ?? 0);
    },
  });
  new Gauge({
    name: 'bonrelay_queue_oldest_age_seconds',
    help: 'Age of the oldest ticket not yet on paper, by printer (0 when none waits)',
    labelNames: ['printer'],
    registers: [register],
    collect() {
      this.reset();
      const now = clock().getTime();
      const oldest = new Map(views.jobs.backlog().map((entry) => [entry.printer, entry.oldestQueuedAt]));
      for (const printer of printersNow()) {
        const queuedAt = oldest.get(printer);
        this.set({ printer }, queuedAt === undefined ? 0 : Math.max(0, now - Date.parse(queuedAt)) / 1000);
      }
    },
  });
  new Gauge({
    name: 'bonrelay_breaker_state',
    help: 'Circuit breaker per printer: 0 closed, 1 half-open, 2 open',
    labelNames: ['printer'],
    registers: [register],
    collect() {
      this.reset();
      const known = new Map(views.connectivity.printers().map((row) => [row.printer, row.breaker]));
      for (const printer of printersNow())
        this.set({ printer }, breakerValue[known.get(printer) ?? 'closed']);
    },
  });

  const outagesNow = () => {
    const totals = new Map<string, { seconds: number; outages: number }>();
    for (const component of ['internet', ...printers.map((name) => `printer:${name}`)])
      totals.set(component, { seconds: 0, outages: 0 });
    for (const { component, outages, offlineMs } of views.connectivity.offlineTotals(clock().toISOString()))
      totals.set(component, { seconds: offlineMs / 1000, outages });
    return totals;
  };
  new Counter({
    name: 'bonrelay_offline_seconds_total',
    help: 'Seconds each component (internet, printer:<name>) has been down, ongoing outages included',
    labelNames: ['component'],
    registers: [register],
    collect() {
      this.reset();
      for (const [component, total] of outagesNow()) this.inc({ component }, total.seconds);
    },
  });
  new Counter({
    name: 'bonrelay_outages_total',
    help: 'Outages per component (internet, printer:<name>), ongoing ones included',
    labelNames: ['component'],
    registers: [register],
    collect() {
      this.reset();
      for (const [component, total] of outagesNow()) this.inc({ component }, total.outages);
    },
  });
}
