import type { SchedulerLike, Subscription } from 'rxjs';
import type { PrinterSagaHandle, PrinterSagaOptions } from './run-printer-saga.ts';

/**
 * Keeps a printer's saga running. The saga stops itself when the log cannot take its events (a full
 * disk): its memory is the log, so it must not go on guessing. This starts a fresh one after
 * `restartAfterMs`; it resumes from the jobs table and requeues the job it had in flight, so
 * printing resumes by itself once there is room again.
 */
export function superviseSaga(
  start: (options: Pick<PrinterSagaOptions, 'onError'>) => PrinterSagaHandle,
  options: {
    scheduler: SchedulerLike;
    restartAfterMs: number;
    onError: (error: unknown) => void;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  let restart: Subscription | undefined;
  let handle: PrinterSagaHandle;
  const launch = () => {
    handle = start({
      onError: (error) => {
        options.onError(error);
        if (!stopped) restart = options.scheduler.schedule(launch, options.restartAfterMs);
      },
    });
  };
  launch();
  return {
    stop: async () => {
      stopped = true;
      restart?.unsubscribe();
      await handle.stop();
    },
  };
}
