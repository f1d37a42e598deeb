import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { PrintStation } from '../stations/print-station.ts';
import { printerAtStart } from './printer-at-start.ts';
import { runPrinterSaga } from './run-printer-saga.ts';
import { sagaLog } from './saga-log.ts';
import { superviseSaga } from './supervise.ts';

export interface PrinterSagasOptions {
  readonly stations: readonly PrintStation[];
  readonly store: EventStore;
  readonly views: BonrelayViews;
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
  readonly logger: Logger;
}

/**
 * One supervised saga per printer station, each restarted after the backoff cap when it stops (a
 * full disk), so the composition root only says which stations print.
 */
export function startPrinterSagas(options: PrinterSagasOptions): { stop(): Promise<void> } {
  const { store, views, config, scheduler, random, logger } = options;
  const sagas = options.stations.map((station) =>
    superviseSaga(
      (supervised) =>
        runPrinterSaga({
          printer: station.name,
          jobs: views.jobs,
          table: views.tables,
          printerAtStart: () => printerAtStart(views, store, station.name),
          log: sagaLog(store, station.name),
          print: station.print,
          probe: station.probe,
          scheduler,
          random,
          config: {
            backoff: config.printing.backoff,
            maxAttempts: config.printing.maxAttempts,
            breaker: { failureThreshold: config.printing.breakerFailureThreshold },
          },
          stopTimeoutMs: config.printing.stopTimeoutMs,
          ...supervised,
        }),
      {
        scheduler,
        restartAfterMs: config.printing.backoff.capMs,
        onError: (error) =>
          logger.error({ err: error, printer: station.name }, 'printer saga stopped; restarting'),
      },
    ),
  );
  return { stop: async () => void (await Promise.all(sagas.map((saga) => saga.stop()))) };
}
