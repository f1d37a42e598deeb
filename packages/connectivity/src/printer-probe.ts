import type { PrinterStatus } from '@bonrelay/domain';
import {
  asyncScheduler,
  catchError,
  defer,
  firstValueFrom,
  type Observable,
  type ObservableInput,
  of,
  type SchedulerLike,
  TimeoutError,
  take,
  throwIfEmpty,
} from 'rxjs';
import { deadline, describeError } from './deadline.ts';

/**
 * What one look at a printer found. An unreachable printer is `offline` with reason `refused` or
 * `timeout`; `latencyMs` is how long the printer took to answer.
 */
export interface PrinterProbeResult {
  readonly status: PrinterStatus;
  readonly latencyMs: number;
  readonly reason?: string;
}

/**
 * Asks a printer how it is. A Promise works; an Observable lets tests answer in virtual time.
 */
export type PrinterProbe = () => ObservableInput<PrinterProbeResult>;

/** How to take one look at a printer outside the monitor's rhythm. */
export interface ProbePrinterOnceOptions {
  readonly probe: PrinterProbe;
  /** Measures the latency of failed probes; defaults to real time. */
  readonly scheduler?: SchedulerLike;
  /** A probe still silent after this long counts as `offline` / `timeout`. */
  readonly probeTimeoutMs?: number;
}

/**
 * Runs one probe so that it always answers: a probe that throws, rejects, says nothing or runs out
 * of time becomes `offline` with a reason, because for the kitchen all of these mean "no tickets".
 */
export function checkPrinter(options: ProbePrinterOnceOptions): Observable<PrinterProbeResult> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    const startedAt = scheduler.now();
    const offline = (reason: string): PrinterProbeResult => ({
      status: 'offline',
      reason,
      latencyMs: scheduler.now() - startedAt,
    });
    return defer(options.probe).pipe(
      take(1),
      throwIfEmpty(() => new Error('probe gave no answer')),
      deadline(scheduler, options.probeTimeoutMs),
      catchError((error: unknown) =>
        of(offline(error instanceof TimeoutError ? 'timeout' : `probe-error: ${describeError(error)}`)),
      ),
    );
  });
}

/**
 * One probe now, for `POST /connectivity/check` and the doctor command: the caller wants an answer,
 * not a stream, and never an exception.
 */
export function probePrinterOnce(options: ProbePrinterOnceOptions): Promise<PrinterProbeResult> {
  return firstValueFrom(checkPrinter(options));
}
