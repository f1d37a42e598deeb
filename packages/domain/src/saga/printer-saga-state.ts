import type { AnyDomainEvent, EventType } from '../events.ts';
import { isJobEvent } from '../orders/order-tickets.ts';
import { initialPrintQueue, type PrintQueue } from '../queue/print-job-view.ts';
import { reducePrintQueue } from '../queue/reduce-print-queue.ts';
import { type BreakerState, type PrinterStatus, type PrintFailure, printableStatuses } from '../status.ts';
import { isPauseFailure, isTransportFailure } from './breaker.ts';

/**
 * The one job this printer is busy with. `starting`: PrintAttemptStarted appended, waiting to see it
 * in the log before sending (so a crash mid-print is always visible); `printing`: sent;
 * `recording`: the outcome is appended, waiting for `awaiting` to come back from the log.
 */
export interface InFlight {
  readonly jobId: string;
  readonly attempt: number;
  readonly phase: 'starting' | 'printing' | 'recording';
  readonly awaiting?: EventType;
}

/** Probing a printer the saga will not send to: transient, re-derived by probing again after a restart. */
export interface ProbeState {
  readonly inFlight: boolean;
  readonly failures: number;
  readonly dueAt?: string;
}

/**
 * Everything one printer's saga knows. All of it follows from the log, except the markers of I/O
 * under way (`inFlight`, `requeueing`, `halfOpenRequested`, `probe`, `wakeAt`) and `recovered` /
 * `draining`, which belong to this run of the service.
 */
export interface PrinterSagaState {
  readonly printer: string;
  /** This printer's unfinished jobs (printed and cancelled ones are dropped to keep it small). */
  readonly queue: PrintQueue;
  readonly status: PrinterStatus;
  readonly breaker: BreakerState;
  /** How many breaker changes the log holds for this printer; numbers the next one's id. */
  readonly breakerChanges: number;
  readonly consecutiveFailures: number;
  /** Set by a paper-end / cover-open failure until the printer is seen printable again. */
  readonly pausedBy?: PrintFailure;
  readonly recovered: boolean;
  readonly draining: boolean;
  readonly inFlight?: InFlight;
  readonly requeueing: readonly string[];
  readonly halfOpenRequested: boolean;
  readonly probe: ProbeState;
  readonly wakeAt?: string;
}

/** A saga that has seen nothing yet: the printer is unknown, so the first job is simply tried. */
export function initialPrinterSaga(printer: string): PrinterSagaState {
  return {
    printer,
    queue: initialPrintQueue,
    status: 'unknown',
    breaker: 'closed',
    breakerChanges: 0,
    consecutiveFailures: 0,
    recovered: false,
    draining: false,
    requeueing: [],
    halfOpenRequested: false,
    probe: { inFlight: false, failures: 0 },
  };
}

/** Whether the monitor's last word allows sending (`unknown`: no monitor yet, so try). */
export function statusAllowsPrinting(status: PrinterStatus): boolean {
  return status === 'unknown' || printableStatuses.includes(status);
}

function concernsThisPrinter(state: PrinterSagaState, event: AnyDomainEvent): boolean {
  switch (event.type) {
    case 'PrintJobQueued':
    case 'PrinterBreakerChanged':
    case 'PrinterStatusChanged':
      return event.data.printer === state.printer;
    default:
      return (
        isJobEvent(event) &&
        (state.queue.jobs.has(event.data.jobId) || state.inFlight?.jobId === event.data.jobId)
      );
  }
}

/** Probing starts over (short delays) each time the printer's situation changes. */
function freshProbe(state: PrinterSagaState): ProbeState {
  return { inFlight: state.probe.inFlight, failures: 0 };
}

function reduceQueue(queue: PrintQueue, event: AnyDomainEvent): PrintQueue {
  const next = reducePrintQueue(queue, event);
  if (next === queue || !('jobId' in event.data)) return next;
  const job = next.jobs.get(event.data.jobId);
  if (job === undefined || (job.state !== 'printed' && job.state !== 'cancelled')) return next;
  return { ...next, jobs: next.jobs.delete(job.jobId), unfinished: next.unfinished.delete(job.jobId) };
}

/**
 * Folds one log event into a printer's saga state: its jobs, the monitor's status, the breaker and
 * the failure streak. Events about other printers leave the state untouched (same object).
 */
export function reducePrinterSaga(state: PrinterSagaState, event: AnyDomainEvent): PrinterSagaState {
  if (!concernsThisPrinter(state, event)) return state;
  const next = { ...state, queue: reduceQueue(state.queue, event) };
  switch (event.type) {
    case 'PrintAttemptFailed':
      return {
        ...next,
        consecutiveFailures: next.consecutiveFailures + (isTransportFailure(event.data.failure) ? 1 : 0),
        pausedBy: isPauseFailure(event.data.failure) ? event.data.failure : next.pausedBy,
      };
    case 'PrintJobPrinted':
      return { ...next, consecutiveFailures: 0, pausedBy: undefined, probe: freshProbe(next) };
    case 'PrintJobRequeued':
      return { ...next, requeueing: next.requeueing.filter((jobId) => jobId !== event.data.jobId) };
    case 'PrinterBreakerChanged':
      return {
        ...next,
        breaker: event.data.to,
        breakerChanges: next.breakerChanges + 1,
        consecutiveFailures: event.data.to === 'closed' ? 0 : next.consecutiveFailures,
        halfOpenRequested: false,
        probe: freshProbe(next),
      };
    case 'PrinterStatusChanged':
      return {
        ...next,
        status: event.data.to,
        pausedBy: printableStatuses.includes(event.data.to) ? undefined : next.pausedBy,
        probe: printableStatuses.includes(event.data.to) ? freshProbe(next) : next.probe,
      };
    default:
      return next;
  }
}
