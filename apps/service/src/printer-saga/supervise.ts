import { type Supervision, supervise } from '../supervise.ts';
import type { PrinterSagaHandle, PrinterSagaOptions } from './run-printer-saga.ts';

/**
 * Keeps a printer's saga running. The saga stops itself when the log cannot take its events (a full
 * disk); a fresh one resumes from the jobs table and requeues the job it had in flight, so printing
 * resumes by itself once there is room again.
 */
export function superviseSaga(
  start: (options: Pick<PrinterSagaOptions, 'onError'>) => PrinterSagaHandle,
  options: Supervision,
): { stop(): Promise<void> } {
  const supervisor = supervise((fail) => start({ onError: fail }), options);
  return { stop: () => supervisor.stop() };
}
