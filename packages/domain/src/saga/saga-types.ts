import type { AnyDomainEvent, EventToAppend } from '../events.ts';
import type { PrintConfirmation, PrintFailure } from '../status.ts';
import type { BackoffConfig } from './backoff.ts';
import type { BreakerConfig } from './breaker.ts';

/** Every retry number the saga uses; they come from the validated config, none is hidden. */
export interface SagaConfig {
  readonly backoff: BackoffConfig;
  /** Attempts that reached the printer before the job is given up (a person may revive it). */
  readonly maxAttempts: number;
  readonly breaker: BreakerConfig;
}

/** What the transport reports for one job. `reachedPrinter`: the connection was made (the job may be partly out). */
export type PrintOutcome =
  | { readonly ok: true; readonly confirmation: PrintConfirmation }
  | {
      readonly ok: false;
      readonly failure: PrintFailure;
      readonly detail?: string;
      readonly reachedPrinter: boolean;
    };

/** What the saga reacts to: the log, the clock, and the answers of its own I/O. */
export type PrinterSagaInput =
  | { readonly kind: 'event'; readonly event: AnyDomainEvent }
  | { readonly kind: 'tick' }
  /** The log has been read up to where it stood at start: recover, then act. */
  | { readonly kind: 'recover' }
  | { readonly kind: 'outcome'; readonly jobId: string; readonly outcome: PrintOutcome }
  /** `ok`: the printer answered and can print. */
  | { readonly kind: 'probe-result'; readonly ok: boolean }
  /** Shutting down: finish the job in flight, start no other. */
  | { readonly kind: 'drain' };

/** What the saga asks its shell to do, in order. */
export type PrinterSagaCommand =
  | { readonly kind: 'append'; readonly events: EventToAppend[] }
  | { readonly kind: 'print'; readonly jobId: string }
  | { readonly kind: 'probe' }
  /** Feed a `tick` at this time; a later `wake-at` replaces an earlier one. */
  | { readonly kind: 'wake-at'; readonly at: Date };
