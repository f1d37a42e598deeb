import type { AnyDomainEvent, EventToAppend } from '../events.ts';
import type { PrintJobView } from '../queue/print-job-view.ts';
import type { BreakerState, PrintConfirmation, PrinterStatus, PrintFailure } from '../status.ts';
import type { BackoffConfig } from './backoff.ts';
import type { BreakerConfig } from './breaker.ts';
import type { PrinterJobs } from './printer-jobs.ts';

/** Every retry number the saga uses; they come from the validated config, none is hidden. */
export interface SagaConfig {
  readonly backoff: BackoffConfig;
  /** Attempts that reached the printer before the job is given up (a person may revive it). */
  readonly maxAttempts: number;
  readonly breaker: BreakerConfig;
}

/** What a decision may consult besides its state: the config, the clock, chance, and the jobs table. */
export interface SagaContext {
  readonly config: SagaConfig;
  readonly now: Date;
  /** Returns [0, 1); injected so tests pin the jitter. */
  readonly random: () => number;
  readonly jobs: PrinterJobs;
}

/** What the transport reports for one job. `reachedPrinter`: the connection was made (the job may be partly out). */
export type PrintOutcome =
  | { readonly ok: true; readonly confirmation: PrintConfirmation }
  | {
      readonly ok: false;
      readonly failure: PrintFailure;
      readonly detail?: string;
      readonly reachedPrinter: boolean;
      /** The printer fetched the job and fell silent (CloudPRNT): it may be on paper, like a crash mid-print. */
      readonly possibleDuplicate?: boolean;
    };

/** What the saga learns about its printer at start, from the views rather than by replaying the log. */
export interface PrinterAtStart {
  readonly status: PrinterStatus;
  readonly breaker: BreakerState;
  /** When the printer became printable, if it is: jobs that failed before only because it was down are due. */
  readonly backSince?: string;
  /**
   * Numbers the next breaker change's id: at or above the number of every breaker change the log
   * holds (their count, or the log's position), so a new change never dedupes against an old one.
   */
  readonly breakerSerial: number;
  /** The log position the status and breaker include; status changes after it come from the log. */
  readonly position: number;
}

/** The store's answer to an `append`: the position of its last event, or the stream someone changed first. */
export type AppendAnswer =
  | { readonly kind: 'appended'; readonly position: number }
  /** Nothing was written; `position` is the log's end, which the table must reach to show the change. */
  | { readonly kind: 'conflict'; readonly stream: string; readonly position: number };

/** What the saga reacts to: its start, the log, the table's progress, the clock, and the answers of its own I/O. */
export type PrinterSagaInput =
  /** The jobs table has caught up with the log as it stood at start: look for orphans, then act. */
  | {
      readonly kind: 'resume';
      readonly printer: PrinterAtStart;
      /** The log's end at start: jobs a crash left printing are read once the table holds this much. */
      readonly logPosition: number;
      readonly committed: number;
    }
  | { readonly kind: 'event'; readonly event: AnyDomainEvent }
  /** The jobs table committed the log up to `position`. */
  | { readonly kind: 'committed'; readonly position: number }
  | AppendAnswer
  | { readonly kind: 'tick' }
  | { readonly kind: 'outcome'; readonly jobId: string; readonly outcome: PrintOutcome }
  /** `ok`: the printer answered and can print. */
  | { readonly kind: 'probe-result'; readonly ok: boolean }
  /** Shutting down: finish the job in flight, start no other. */
  | { readonly kind: 'drain' };

/** What the saga asks its shell to do, in order. */
export type PrinterSagaCommand =
  /**
   * Append durably, only if each stream in `expectedVersion` is still at that version, and feed the
   * answer back before any other input.
   */
  | {
      readonly kind: 'append';
      readonly events: EventToAppend[];
      readonly expectedVersion: Readonly<Record<string, number>>;
    }
  /** Send this job (as the table had it when the saga started it) to the printer. */
  | { readonly kind: 'print'; readonly job: PrintJobView }
  | { readonly kind: 'probe' }
  /** Feed a `tick` at this time; a later `wake-at` replaces an earlier one. */
  | { readonly kind: 'wake-at'; readonly at: Date };
