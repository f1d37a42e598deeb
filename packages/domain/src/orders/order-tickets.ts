import type { AnyDomainEvent } from '../events.ts';

type JobEvent = Exclude<
  Extract<AnyDomainEvent, { data: { jobId: string } }>,
  { type: 'PrintJobQueued' | 'PrinterBreakerChanged' }
>;

/**
 * Narrows an event to one that follows a queued job by id alone. Only the printer saga's event
 * filter still asks; the orders view no longer follows tickets (they are the jobs table's rows).
 */
export function isJobEvent(event: AnyDomainEvent): event is JobEvent {
  switch (event.type) {
    case 'PrintAttemptStarted':
    case 'PrintAttemptFailed':
    case 'PrintJobPrinted':
    case 'PrintJobGaveUp':
    case 'PrintJobRevived':
    case 'PrintJobRequeued':
    case 'PrintJobCancelled':
      return true;
    default:
      return false;
  }
}
