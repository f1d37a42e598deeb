import { PersistentMap } from '../persistent-map.ts';
import type { PrintConfirmation, PrintFailure } from '../status.ts';
import type { Priority, TicketKind } from '../ticket.ts';

/** Where a ticket stands; `gave-up` waits for a person to revive it. */
export type PrintJobState = 'queued' | 'printing' | 'retry-wait' | 'printed' | 'gave-up' | 'cancelled';

export const printJobStates: readonly PrintJobState[] = [
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
  readonly lastFailure?: PrintFailure;
  /** Whether the last failed attempt reached the printer; `false` means the printer was simply off. */
  readonly lastFailureCounted?: boolean;
  readonly lastDetail?: string;
  readonly confirmation?: PrintConfirmation;
  readonly queuedAt: string;
  readonly printedAt?: string;
  /** Log position of the queue event: first in, first out among equals. */
  readonly sequence: number;
}

/** The print queue view: every job by id. */
export interface PrintQueue {
  readonly jobs: PersistentMap<PrintJobView>;
}

/** The queue before the first event. */
export const initialPrintQueue: PrintQueue = { jobs: PersistentMap.empty() };

/** The queue as restored from stored rows, with its map's methods back. */
export function revivePrintQueue(stored: PrintQueue): PrintQueue {
  return { jobs: PersistentMap.revive<PrintJobView>(stored.jobs) };
}
