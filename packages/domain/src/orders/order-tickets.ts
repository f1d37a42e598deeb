import type { AnyDomainEvent } from '../events.ts';
import type { OrderTicket } from './orders-view.ts';

type JobEvent = Exclude<
  Extract<AnyDomainEvent, { data: { jobId: string } }>,
  { type: 'PrintJobQueued' | 'PrinterBreakerChanged' }
>;

/** Terminal tickets leave the live-job index so it stays as small as the print queue. */
export function isSettled(ticket: OrderTicket): boolean {
  return ticket.state === 'printed' || ticket.state === 'cancelled';
}

/** Applies one job event (after queueing) to the ticket it concerns. */
export function advanceTicket(ticket: OrderTicket, event: JobEvent): OrderTicket {
  switch (event.type) {
    case 'PrintAttemptStarted':
      return { ...ticket, state: 'printing', attempts: Math.max(ticket.attempts, event.data.attempt) };
    case 'PrintAttemptFailed':
      return {
        ...ticket,
        state: 'waiting',
        attempts: Math.max(ticket.attempts, event.data.attempt),
        lastFailure: event.data.failure,
        nextAttemptAt: event.data.nextAttemptAt,
      };
    case 'PrintJobPrinted': {
      const { nextAttemptAt: _next, ...rest } = ticket;
      return {
        ...rest,
        state: 'printed',
        attempts: Math.max(ticket.attempts, event.data.attempt),
        printedAt: event.recordedAt,
        confirmation: event.data.confirmation,
      };
    }
    case 'PrintJobGaveUp': {
      const { nextAttemptAt: _next, ...rest } = ticket;
      return {
        ...rest,
        state: 'gave-up',
        attempts: event.data.attempts,
        lastFailure: event.data.lastFailure,
      };
    }
    case 'PrintJobRevived':
      return { ...ticket, state: 'queued' };
    case 'PrintJobRequeued':
      return { ...ticket, state: 'queued', possibleDuplicate: true };
    case 'PrintJobCancelled':
      return { ...ticket, state: 'cancelled' };
  }
}

/** Narrows an event to one that follows a queued job by id alone. */
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
