import type { Config } from './config/index.ts';
import type { ServiceLog } from './service-log.ts';
import type { RunningService } from './start-service.ts';

/**
 * SIGTERM / SIGINT stop the service gracefully (the ticket in flight gets
 * `printing.stopTimeoutMs`), let the last log lines out, and end the process. Whatever hangs in
 * that, the process ends `server.stopGraceMs` after the printers' deadline: a supervisor's
 * SIGTERM must mean "gone", or systemd escalates to SIGKILL in the middle of a write.
 */
export function stopOnSignals(service: RunningService, log: ServiceLog, config: Config): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    let stopped = false;
    const deadlineMs = config.printing.stopTimeoutMs + config.server.stopGraceMs;
    setTimeout(() => {
      if (!stopped) process.stderr.write(`bonrelay did not stop within ${deadlineMs} ms; exiting anyway\n`);
      process.exit(stopped ? 0 : 1);
    }, deadlineMs).unref();
    void service
      .stop(signal)
      .then(() => {
        stopped = true;
        return log.drained();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.logger.error({ err: error }, 'the stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
