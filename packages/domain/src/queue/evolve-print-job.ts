import type { AnyDomainEvent } from '../events.ts';
import type { PrintJobView } from './print-job-view.ts';

/** Printed and cancelled tickets never change again: the paper is out, or nobody wants it. */
export function isFinished(job: Pick<PrintJobView, 'state'>): boolean {
  return job.state === 'printed' || job.state === 'cancelled';
}

/** Narrows an event to one that follows a print job by its id (queueing included). */
export function jobIdOf(event: AnyDomainEvent): string | undefined {
  switch (event.type) {
    case 'PrintJobQueued':
    case 'PrintAttemptStarted':
    case 'PrintAttemptFailed':
    case 'PrintJobPrinted':
    case 'PrintJobGaveUp':
    case 'PrintJobRevived':
    case 'PrintJobRequeued':
    case 'PrintJobCancelled':
    case 'PrintJobScheduled':
    case 'PrintJobReleased':
    case 'PrintJobRerouted':
      return event.data.jobId;
    default:
      return undefined;
  }
}

function queued(event: Extract<AnyDomainEvent, { type: 'PrintJobQueued' }>): PrintJobView {
  const { jobId, orderId, ticket, printer, priority, reprint, notBefore, slotStartsAt } = event.data;
  return {
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(slotStartsAt === undefined ? {} : { slotStartsAt }),
    jobId,
    orderId,
    ticket,
    printer,
    priority,
    reprint,
    possibleDuplicate: false,
    state: notBefore === undefined ? 'queued' : 'scheduled',
    attempts: 0,
    totalAttempts: 0,
    queuedAt: event.recordedAt,
    updatedAt: event.recordedAt,
    sequence: event.position,
    version: event.streamVersion ?? 1,
  };
}

function next(job: PrintJobView, event: AnyDomainEvent): PrintJobView | undefined {
  switch (event.type) {
    case 'PrintAttemptStarted':
      return job.state === 'queued' || job.state === 'retry-wait'
        ? { ...job, state: 'printing', totalAttempts: Math.max(job.totalAttempts, event.data.attempt) }
        : undefined;
    case 'PrintAttemptFailed':
      return isFinished(job)
        ? undefined
        : {
            ...job,
            state: 'retry-wait',
            attempts: job.attempts + (event.data.counted ? 1 : 0),
            totalAttempts: Math.max(job.totalAttempts, event.data.attempt),
            nextAttemptAt: event.data.nextAttemptAt,
            lastFailure: event.data.failure,
            lastFailureCounted: event.data.counted,
            lastFailedAt: event.recordedAt,
            lastDetail: event.data.detail,
            possibleDuplicate: job.possibleDuplicate || event.data.possibleDuplicate === true,
          };
    case 'PrintJobPrinted': {
      // The paper came out: that is true whatever else was decided meanwhile.
      const { nextAttemptAt: _due, ...rest } = job;
      return {
        ...rest,
        state: 'printed',
        totalAttempts: Math.max(job.totalAttempts, event.data.attempt),
        confirmation: event.data.confirmation,
        printedAt: event.recordedAt,
      };
    }
    case 'PrintJobGaveUp': {
      if (isFinished(job)) return undefined;
      const { nextAttemptAt: _due, ...rest } = job;
      return { ...rest, state: 'gave-up', lastFailure: event.data.lastFailure };
    }
    case 'PrintJobRevived': {
      if (job.state !== 'gave-up') return undefined;
      const { nextAttemptAt: _due, ...rest } = job;
      return { ...rest, state: 'queued', attempts: 0 };
    }
    case 'PrintJobRequeued':
      return job.state === 'printing' ? { ...job, state: 'queued', possibleDuplicate: true } : undefined;
    case 'PrintJobScheduled': {
      // Only a ticket nobody has tried to print yet can wait for a later slot.
      if (job.state !== 'scheduled' && !(job.state === 'queued' && job.totalAttempts === 0)) return undefined;
      const { notBefore, slotStartsAt } = event.data;
      return { ...job, state: 'scheduled', notBefore, slotStartsAt };
    }
    case 'PrintJobReleased':
      // It joins the queue now: its wait counts from here, not from when the guest ordered.
      return job.state === 'scheduled' ? { ...job, state: 'queued', queuedAt: event.recordedAt } : undefined;
    case 'PrintJobRerouted': {
      // Only a ticket nobody is printing: one mid-print moves once its attempt is recorded.
      if ((job.state !== 'queued' && job.state !== 'retry-wait') || job.printer !== event.data.from)
        return undefined;
      const { nextAttemptAt: _due, ...rest } = job;
      return {
        ...rest,
        state: 'queued',
        printer: event.data.to,
        fallbackFor: job.fallbackFor ?? event.data.from,
        possibleDuplicate: job.possibleDuplicate || event.data.possibleDuplicate,
        attempts: 0,
      };
    }
    case 'PrintJobCancelled': {
      if (isFinished(job)) return undefined;
      const { nextAttemptAt: _due, ...rest } = job;
      return { ...rest, state: 'cancelled' };
    }
    default:
      return undefined;
  }
}

/**
 * The one life of a print job, from queued to paper (or given up, or withdrawn). Every reader —
 * the jobs table, the orders view's tickets, the saga's index, metrics, the dashboard — sees the
 * job this function makes, so `attempts` and `state` mean the same everywhere. Pure: the same job
 * object comes back when the event changes nothing, except that its stream version follows the log.
 */
export function evolvePrintJob(
  job: PrintJobView | undefined,
  event: AnyDomainEvent,
): PrintJobView | undefined {
  if (event.type === 'PrintJobQueued') return job ?? queued(event);
  if (job === undefined || jobIdOf(event) !== job.jobId) return job;
  const changed = next(job, event);
  const version = event.streamVersion ?? job.version;
  if (changed === undefined) return version === job.version ? job : { ...job, version };
  return { ...changed, updatedAt: event.recordedAt, version };
}
