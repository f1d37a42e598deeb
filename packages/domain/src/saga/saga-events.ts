import { type EventDataByType, type EventToAppend, eventToAppend, streams } from '../events.ts';
import type { BreakerState } from '../status.ts';

/*
 * The events the saga writes. Every id is derived from the log (job id + attempt number, or the
 * printer's count of breaker changes), so an append repeated after a hiccup is deduplicated by
 * the store instead of recorded twice.
 */

type Data<T extends keyof EventDataByType> = EventDataByType[T];

export function attemptStarted(data: Data<'PrintAttemptStarted'>): EventToAppend<'PrintAttemptStarted'> {
  return eventToAppend(
    'PrintAttemptStarted',
    streams.printJob(data.jobId),
    `print-attempt-started:${data.jobId}#${data.attempt}`,
    data,
  );
}

export function attemptFailed(data: Data<'PrintAttemptFailed'>): EventToAppend<'PrintAttemptFailed'> {
  return eventToAppend(
    'PrintAttemptFailed',
    streams.printJob(data.jobId),
    `print-attempt-failed:${data.jobId}#${data.attempt}`,
    data,
  );
}

export function jobPrinted(data: Data<'PrintJobPrinted'>): EventToAppend<'PrintJobPrinted'> {
  return eventToAppend(
    'PrintJobPrinted',
    streams.printJob(data.jobId),
    `print-job-printed:${data.jobId}#${data.attempt}`,
    data,
  );
}

export function jobGaveUp(data: Data<'PrintJobGaveUp'>, attempt: number): EventToAppend<'PrintJobGaveUp'> {
  return eventToAppend(
    'PrintJobGaveUp',
    streams.printJob(data.jobId),
    `print-job-gave-up:${data.jobId}#${attempt}`,
    data,
  );
}

export function jobRequeued(jobId: string, attempt: number): EventToAppend<'PrintJobRequeued'> {
  return eventToAppend(
    'PrintJobRequeued',
    streams.printJob(jobId),
    `print-job-requeued:${jobId}#${attempt}`,
    {
      jobId,
      reason: 'crash-recovery',
    },
  );
}

export function breakerChanged(
  printer: string,
  from: BreakerState,
  to: BreakerState,
  n: number,
): EventToAppend<'PrinterBreakerChanged'> {
  return eventToAppend(
    'PrinterBreakerChanged',
    streams.printer(printer),
    `printer-breaker-changed:${printer}#${n}`,
    {
      printer,
      from,
      to,
    },
  );
}
