import type { EventToAppend } from '../events.ts';
import type { PrintJobView } from '../queue/print-job-view.ts';
import { type BreakerState, type PrinterStatus, type PrintFailure, printableStatuses } from '../status.ts';

/**
 * The one job this printer is busy with, as the table had it when started. `starting`: its
 * PrintAttemptStarted is being appended (nothing is sent before it is durable, so a crash
 * mid-print is always visible); `printing`: sent, waiting for the transport's answer.
 */
export interface InFlight {
  readonly job: PrintJobView;
  readonly attempt: number;
  readonly phase: 'starting' | 'printing';
}

/** Probing a printer the saga will not send to: transient, re-derived by probing again after a restart. */
export interface ProbeState {
  readonly inFlight: boolean;
  readonly failures: number;
  readonly dueAt?: string;
}

/** A job whose table row is stale until the table has committed the log up to `until`. */
export interface UnseenJob {
  readonly jobId: string;
  readonly until: number;
}

/** The append whose answer the saga waits for (the shell answers before any other input). */
export interface Appending {
  /** Jobs whose streams it writes: their rows are stale until the table reaches the answer's position. */
  readonly jobIds: readonly string[];
  /** It requeues jobs a crash left printing. */
  readonly requeue: boolean;
  /** It releases held tickets: nothing starts before the table shows them all, so they print by priority. */
  readonly release?: boolean;
}

/**
 * Everything one printer's saga holds: its printer, what is in flight, and its timers. The jobs
 * themselves live in the jobs table; nothing here grows with the number of jobs ever printed.
 */
export interface PrinterSagaState {
  readonly printer: string;
  readonly status: PrinterStatus;
  readonly breaker: BreakerState;
  /** The number the last breaker change took; the next one's id is `#breakerSerial + 1`. */
  readonly breakerSerial: number;
  readonly consecutiveFailures: number;
  /** Set by a paper-end / cover-open failure until the printer is seen printable again. */
  readonly pausedBy?: PrintFailure;
  /** When the printer was last seen back: jobs that failed before only because it was down are due. */
  readonly backSince?: string;
  /** The log position of the last status this state holds; status changes at or before it are not news. */
  readonly statusPosition: number;
  readonly resumed: boolean;
  readonly draining: boolean;
  /** How far the jobs table has committed the log. */
  readonly committed: number;
  /** Look for jobs a crash left printing once the table holds the log this far (undefined: done). */
  readonly orphansAfter?: number;
  /** Start nothing before the table holds the log this far (a requeued job takes its turn by priority). */
  readonly holdUntil: number;
  /** Jobs this saga wrote to (or lost a race on) whose rows the table has not caught up with. */
  readonly unseen: readonly UnseenJob[];
  readonly inFlight?: InFlight;
  /** Outcomes and breaker changes decided but not yet in the log: they go with the next append. */
  readonly unrecorded: readonly EventToAppend[];
  /** Stream versions the unrecorded decisions rely on (giving up a job nobody touched meanwhile). */
  readonly unrecordedExpect: Readonly<Record<string, number>>;
  readonly appending?: Appending;
  readonly probe: ProbeState;
  readonly wakeAt?: string;
}

/** A saga that has not resumed yet: it knows its printer's name and nothing else. */
export function initialPrinterSaga(printer: string): PrinterSagaState {
  return {
    printer,
    status: 'unknown',
    breaker: 'closed',
    breakerSerial: 0,
    consecutiveFailures: 0,
    statusPosition: 0,
    resumed: false,
    draining: false,
    committed: 0,
    holdUntil: 0,
    unseen: [],
    unrecorded: [],
    unrecordedExpect: {},
    probe: { inFlight: false, failures: 0 },
  };
}

/** Whether the monitor's last word allows sending (`unknown`: no monitor yet, so try). */
export function statusAllowsPrinting(status: PrinterStatus): boolean {
  return status === 'unknown' || printableStatuses.includes(status);
}

/** Probing starts over (short delays) each time the printer's situation changes. */
export function freshProbe(state: PrinterSagaState): ProbeState {
  return { inFlight: state.probe.inFlight, failures: 0 };
}
