import type { EventToAppend } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { toDomainEvent } from '@bonrelay/views';
import { map, type SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { PrintStation } from '../stations/print-station.ts';
import { monitorInternet } from './internet-monitor.ts';
import { monitorPrinter } from './printer-monitor.ts';
import { startWhenReady } from './start-when-ready.ts';
import { type Monitor, superviseMonitor } from './supervise-monitor.ts';

export interface MonitorsOptions {
  readonly config: Config;
  readonly store: EventStore;
  readonly views: Pick<BonrelayViews, 'tables' | 'jobs' | 'connectivity'>;
  readonly stations: readonly PrintStation[];
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Called when the internet comes back: fetch what Wix sent meanwhile. */
  readonly onBackOnline: () => void;
}

/**
 * One monitor per printer and one for the internet, each supervised (a full disk restarts it) and
 * started only once the tables hold the log, so a restart compares its first probe with the status
 * the log really recorded.
 */
export function startMonitors(options: MonitorsOptions): { printers: Monitor[]; internet: Monitor } {
  const { config, store, views, scheduler } = options;
  const supervision = {
    scheduler,
    restartAfterMs: config.printing.backoff.capMs,
    append: (events: EventToAppend[]) => {
      store.append(events);
    },
    onError: (error: unknown) =>
      options.logger.warn({ err: error }, 'could not record a status change; monitor restarts'),
  };
  const printers = options.stations.map((station) =>
    startWhenReady(views.tables.caughtUp, () =>
      superviseMonitor(
        (appendChange) =>
          monitorPrinter({
            printer: station.name,
            probe: station.status,
            ...(station.observations$ ? { observations$: station.observations$ } : {}),
            config,
            scheduler,
            ticketsWaiting$: views.tables.committed$.pipe(
              map(() =>
                views.jobs.backlog().some((entry) => entry.printer === station.name && entry.due > 0),
              ),
            ),
            log$: store.live(store.lastPosition()).pipe(map(toDomainEvent)),
            connectivity: views.connectivity,
            append: appendChange,
            ...(station.present ? { present: station.present } : {}),
          }),
        supervision,
      ),
    ),
  );
  const internet = startWhenReady(views.tables.caughtUp, () =>
    superviseMonitor(
      (appendChange) =>
        monitorInternet({
          config,
          scheduler,
          connectivity: views.connectivity,
          append: appendChange,
          onBackOnline: options.onBackOnline,
        }),
      supervision,
    ),
  );
  return { printers, internet };
}
