import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { Config } from './config/index.ts';
import type { ServiceLog } from './service-log.ts';
import type { RunningService } from './start-service.ts';

export interface StopControls {
  /** Ends the process (`process.exit`); a spec watches it instead. */
  readonly exit: (code: number) => void;
  /** Where SIGTERM and SIGINT arrive (`process`). */
  readonly signals: NodeJS.EventEmitter;
  /** Keeps the deadline (virtual in specs). */
  readonly scheduler?: SchedulerLike;
}

/**
 * SIGTERM / SIGINT stop the service gracefully (the ticket in flight gets
 * `printing.stopTimeoutMs`), let the last log lines out, and end the process. Whatever hangs in
 * that, the process ends `server.stopGraceMs` after the printers' deadline: a supervisor's
 * SIGTERM must mean "gone", or systemd escalates to SIGKILL in the middle of a write.
 */
export function stopOnSignals(
  service: Pick<RunningService, 'stop'>,
  log: ServiceLog,
  config: Pick<Config, 'printing' | 'server'>,
  controls: StopControls = { exit: (code) => process.exit(code), signals: process },
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    let stopped = false;
    const deadlineMs = config.printing.stopTimeoutMs + config.server.stopGraceMs;
    const deadline = (controls.scheduler ?? asyncScheduler).schedule(() => {
      if (!stopped) log.logger.error({ deadlineMs }, 'bonrelay did not stop in time; exiting anyway');
      controls.exit(stopped ? 0 : 1);
    }, deadlineMs);
    const exit = (code: number) => {
      deadline.unsubscribe();
      controls.exit(code);
    };
    service
      .stop(signal)
      .then(() => {
        stopped = true;
        return log.drained();
      })
      .then(
        () => exit(0),
        (error: unknown) => {
          log.logger.error({ err: error }, 'the stop failed');
          exit(1);
        },
      );
  };
  controls.signals.on('SIGTERM', () => stop('SIGTERM'));
  controls.signals.on('SIGINT', () => stop('SIGINT'));
}
