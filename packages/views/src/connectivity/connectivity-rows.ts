import type {
  BreakerState,
  InternetConnectivity,
  InternetStatus,
  PrinterRecord,
  PrinterStatus,
  PrintFailure,
} from '@bonrelay/domain';
import type { InternetTable, PrintersTable } from '../view-schema.ts';

/** The order of the printers' columns, shared by the writer's statement and its parameters. */
export const printerColumns = [
  'printer',
  'status',
  'since',
  'reason',
  'latency_ms',
  'breaker',
  'breaker_since',
  'breaker_changes',
  'consecutive_failures',
  'paused_by',
] as const satisfies readonly (keyof PrintersTable)[];

/** The order of the internet row's columns. */
export const internetColumns = [
  'id',
  'status',
  'since',
  'failed_targets',
] as const satisfies readonly (keyof InternetTable)[];

/** The row that stores a printer. */
export function printerRow(printer: PrinterRecord): PrintersTable {
  return {
    printer: printer.printer,
    status: printer.status,
    since: printer.since,
    reason: printer.reason,
    latency_ms: printer.latencyMs ?? null,
    breaker: printer.breaker,
    breaker_since: printer.breakerSince ?? null,
    breaker_changes: printer.breakerChanges,
    consecutive_failures: printer.consecutiveFailures,
    paused_by: printer.pausedBy ?? null,
  };
}

/** A stored printer read back as the domain's row (absent columns stay absent, not null). */
export function printerFromRow(row: PrintersTable): PrinterRecord {
  return {
    printer: row.printer,
    status: row.status as PrinterStatus,
    since: row.since,
    reason: row.reason,
    ...(row.latency_ms === null ? {} : { latencyMs: row.latency_ms }),
    breaker: row.breaker as BreakerState,
    ...(row.breaker_since === null ? {} : { breakerSince: row.breaker_since }),
    breakerChanges: row.breaker_changes,
    consecutiveFailures: row.consecutive_failures,
    ...(row.paused_by === null ? {} : { pausedBy: row.paused_by as PrintFailure }),
  };
}

/** The internet's one row. */
export function internetRow(internet: InternetConnectivity): InternetTable {
  return {
    id: 1,
    status: internet.status,
    since: internet.since ?? null,
    failed_targets: JSON.stringify(internet.failedTargets),
  };
}

/** The internet's row read back. */
export function internetFromRow(row: InternetTable): InternetConnectivity {
  return {
    status: row.status as InternetStatus,
    ...(row.since === null ? {} : { since: row.since }),
    failedTargets: JSON.parse(row.failed_targets) as string[],
  };
}

/** A row's values in column order, for a prepared statement. */
export function valuesOf<Row>(columns: readonly (keyof Row)[], row: Row): unknown[] {
  return columns.map((column) => row[column]);
}
