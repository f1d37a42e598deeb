import {
  isPauseFailure,
  type PrintConfirmation,
  type PrintFailure,
  type PrintJobState,
  type PrintJobView,
  type Priority,
  priorityRank,
  type TicketKind,
  ticketRank,
} from '@bonrelay/domain';
import type { PrintJobsTable } from '../view-schema.ts';

/** The order of the columns, shared by the writer's statement and its parameters. */
export const printJobColumns = [
  'job_id',
  'order_id',
  'ticket',
  'printer',
  'priority',
  'priority_rank',
  'ticket_rank',
  'reprint',
  'possible_duplicate',
  'state',
  'waiting',
  'waits_for_printer',
  'attempts',
  'total_attempts',
  'next_attempt_at',
  'not_before',
  'slot_starts_at',
  'fallback_for',
  'last_failure',
  'last_failure_counted',
  'last_failed_at',
  'last_detail',
  'confirmation',
  'queued_at',
  'printed_at',
  'updated_at',
  'sequence',
  'version',
] as const satisfies readonly (keyof PrintJobsTable)[];

function flag(value: boolean): number {
  return value ? 1 : 0;
}

/** Whether a job waits for its printer (not for a person, and not finished). */
export function isWaiting(state: PrintJobState): boolean {
  return state === 'queued' || state === 'retry-wait';
}

/** A job that failed only because its printer was off, out of paper or open: due once it is back. */
export function waitsForPrinter(job: PrintJobView): boolean {
  return (
    job.state === 'retry-wait' &&
    (job.lastFailureCounted === false || (job.lastFailure !== undefined && isPauseFailure(job.lastFailure)))
  );
}

/** The row that stores a job, with the ranks and flags its indexes sort and filter on. */
export function printJobRow(job: PrintJobView): PrintJobsTable {
  return {
    job_id: job.jobId,
    order_id: job.orderId,
    ticket: job.ticket,
    printer: job.printer,
    priority: job.priority,
    priority_rank: priorityRank[job.priority],
    ticket_rank: ticketRank[job.ticket],
    reprint: flag(job.reprint),
    possible_duplicate: flag(job.possibleDuplicate),
    state: job.state,
    waiting: flag(isWaiting(job.state)),
    waits_for_printer: flag(waitsForPrinter(job)),
    attempts: job.attempts,
    total_attempts: job.totalAttempts,
    next_attempt_at: job.nextAttemptAt ?? null,
    not_before: job.notBefore ?? null,
    slot_starts_at: job.slotStartsAt ?? null,
    fallback_for: job.fallbackFor ?? null,
    last_failure: job.lastFailure ?? null,
    last_failure_counted: job.lastFailureCounted === undefined ? null : flag(job.lastFailureCounted),
    last_failed_at: job.lastFailedAt ?? null,
    last_detail: job.lastDetail ?? null,
    confirmation: job.confirmation ?? null,
    queued_at: job.queuedAt,
    printed_at: job.printedAt ?? null,
    updated_at: job.updatedAt,
    sequence: job.sequence,
    version: job.version,
  };
}

/** The row's values in column order, for a prepared statement. */
export function printJobValues(row: PrintJobsTable): unknown[] {
  return printJobColumns.map((column) => row[column]);
}

/** A stored row read back as the domain's job (absent columns stay absent, not null). */
export function printJobFromRow(row: PrintJobsTable): PrintJobView {
  return {
    jobId: row.job_id,
    orderId: row.order_id,
    ticket: row.ticket as TicketKind,
    printer: row.printer,
    priority: row.priority as Priority,
    reprint: row.reprint === 1,
    possibleDuplicate: row.possible_duplicate === 1,
    state: row.state as PrintJobState,
    attempts: row.attempts,
    totalAttempts: row.total_attempts,
    ...(row.next_attempt_at === null ? {} : { nextAttemptAt: row.next_attempt_at }),
    ...(row.not_before === null ? {} : { notBefore: row.not_before }),
    ...(row.slot_starts_at === null ? {} : { slotStartsAt: row.slot_starts_at }),
    ...(row.fallback_for === null ? {} : { fallbackFor: row.fallback_for }),
    ...(row.last_failure === null ? {} : { lastFailure: row.last_failure as PrintFailure }),
    ...(row.last_failure_counted === null ? {} : { lastFailureCounted: row.last_failure_counted === 1 }),
    ...(row.last_failed_at === null ? {} : { lastFailedAt: row.last_failed_at }),
    ...(row.last_detail === null ? {} : { lastDetail: row.last_detail }),
    ...(row.confirmation === null ? {} : { confirmation: row.confirmation as PrintConfirmation }),
    queuedAt: row.queued_at,
    ...(row.printed_at === null ? {} : { printedAt: row.printed_at }),
    updatedAt: row.updated_at,
    sequence: row.sequence,
    version: row.version,
  };
}
