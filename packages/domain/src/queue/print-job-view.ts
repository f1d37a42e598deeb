import type { PrintConfirmation, PrintFailure } from '../status.ts';
import type { Priority, TicketKind } from '../ticket.ts';

/**
 * Where a ticket stands; `gave-up` waits for a person to revive it, `scheduled` is a pre-order's
 * ticket held until prep time.
 */
export type PrintJobState =
  | 'scheduled'
  | 'queued'
  | 'printing'
  | 'retry-wait'
  | 'printed'
  | 'gave-up'
  | 'cancelled';

export const printJobStates: readonly PrintJobState[] = [
  'scheduled',
  'queued',
  'printing',
  'retry-wait',
  'printed',
  'gave-up',
  'cancelled',
];

/** One ticket on its way to paper, as the dashboard and the printer saga see it. */
export interface PrintJobView {
  readonly jobId: string;
  readonly orderId: string;
  readonly ticket: TicketKind;
  readonly printer: string;
  readonly priority: Priority;
  readonly reprint: boolean;
  /** Requeued after a crash mid-print: the paper may already be in the kitchen. */
  readonly possibleDuplicate: boolean;
  readonly state: PrintJobState;
  /** Attempts that reached the printer (they count toward giving up). */
  readonly attempts: number;
  /** Every attempt started, including those against a printer that was off. */
  readonly totalAttempts: number;
  readonly nextAttemptAt?: string;
  /** Held until then (a pre-order); kept after release so the ticket's history shows it waited on purpose. */
  readonly notBefore?: string;
  /** When the guest's slot starts, for a held ticket. */
  readonly slotStartsAt?: string;
  /** Moved here from this printer while it was down: the ticket says where it belongs. */
  readonly fallbackFor?: string;
  readonly lastFailure?: PrintFailure;
  /** Whether the last failed attempt reached the printer; `false` means the printer was simply off. */
  readonly lastFailureCounted?: boolean;
  /** When the last attempt failed: a printer seen back after this may take the job at once. */
  readonly lastFailedAt?: string;
  readonly lastDetail?: string;
  readonly confirmation?: PrintConfirmation;
  readonly queuedAt: string;
  readonly printedAt?: string;
  /** Time of the latest event that changed the job. */
  readonly updatedAt: string;
  /** Log position of the queue event: first in, first out among equals. */
  readonly sequence: number;
  /** How many events the job's stream holds: a decision made on this job appends only if none came since. */
  readonly version: number;
}

/** One printer's tickets not yet on paper: how many, and since when the oldest waits. */
export interface PrinterBacklog {
  readonly printer: string;
  /** Queued, printing or waiting to retry (given-up tickets wait for a person, not the printer). */
  readonly waiting: number;
  /** Of those, the ones the printer could take now or after a backoff (queued or retry-wait). */
  readonly due: number;
  readonly oldestQueuedAt?: string;
}
