import type { AnyDomainEvent } from '../events.ts';
import { isPauseFailure, isTransportFailure } from '../saga/breaker.ts';
import { type BreakerState, type PrinterStatus, type PrintFailure, printableStatuses } from '../status.ts';

/** One printer as the status page shows it: what the monitor last saw, and its breaker. */
export interface PrinterConnectivity {
  readonly printer: string;
  readonly status: PrinterStatus;
  /** When the current status began (or when the printer was first heard of). */
  readonly since: string;
  readonly reason: string;
  readonly latencyMs?: number;
  readonly breaker: BreakerState;
  readonly breakerSince?: string;
}

/**
 * A printer's row: what the status page shows, plus what its saga must know when it starts without
 * replaying the log (how many breaker changes are recorded, the failure streak, a paper or cover
 * pause), counted the way the saga counts them.
 */
export interface PrinterRecord extends PrinterConnectivity {
  /** Breaker changes the log holds for this printer: numbers the next one's id. */
  readonly breakerChanges: number;
  /** Transport failures since the last print or the breaker closing. */
  readonly consecutiveFailures: number;
  /** A paper-end / cover-open failure, until the printer is seen printable again or prints. */
  readonly pausedBy?: PrintFailure;
}

/** The printer an event moves the row of, if any. */
export function connectivityPrinterOf(event: AnyDomainEvent): string | undefined {
  switch (event.type) {
    case 'PrinterStatusChanged':
    case 'PrinterBreakerChanged':
    case 'PrintAttemptFailed':
    case 'PrintJobPrinted':
      return event.data.printer;
    default:
      return undefined;
  }
}

function firstHeard(printer: string, at: string): PrinterRecord {
  return {
    printer,
    status: 'unknown',
    since: at,
    reason: 'not probed yet',
    breaker: 'closed',
    breakerChanges: 0,
    consecutiveFailures: 0,
  };
}

function withoutPause(record: PrinterRecord): PrinterRecord {
  const { pausedBy: _over, ...rest } = record;
  return rest;
}

/**
 * Follows the monitors' and the saga's facts into one printer's row: "what is reachable right now"
 * for the status page, the mode and the alerts, and where the saga resumes. A `since` only moves
 * when the status really changes. Returns the same row when the event changes nothing, and
 * undefined for a printer that was never heard of and still is not.
 */
export function evolvePrinter(
  record: PrinterRecord | undefined,
  event: AnyDomainEvent,
): PrinterRecord | undefined {
  const printer = connectivityPrinterOf(event);
  if (printer === undefined) return record;
  const current = record ?? firstHeard(printer, event.recordedAt);
  switch (event.type) {
    case 'PrinterStatusChanged': {
      const { to, reason, latencyMs } = event.data;
      const since = current.status === to && record ? current.since : event.recordedAt;
      const { latencyMs: _stale, ...rest } = printableStatuses.includes(to) ? withoutPause(current) : current;
      return { ...rest, status: to, since, reason, ...(latencyMs === undefined ? {} : { latencyMs }) };
    }
    case 'PrinterBreakerChanged': {
      const { to } = event.data;
      return {
        ...current,
        breaker: to,
        breakerSince: event.recordedAt,
        breakerChanges: current.breakerChanges + 1,
        consecutiveFailures: to === 'closed' ? 0 : current.consecutiveFailures,
      };
    }
    case 'PrintAttemptFailed': {
      const { failure } = event.data;
      return {
        ...current,
        consecutiveFailures: current.consecutiveFailures + (isTransportFailure(failure) ? 1 : 0),
        ...(isPauseFailure(failure) ? { pausedBy: failure } : {}),
      };
    }
    case 'PrintJobPrinted': {
      if (record && record.consecutiveFailures === 0 && record.pausedBy === undefined) return record;
      return { ...withoutPause(current), consecutiveFailures: 0 };
    }
    default:
      return record;
  }
}

/** The row as the status page shows it (the saga's counters stay out of the public shape). */
export function printerConnectivity(record: PrinterRecord): PrinterConnectivity {
  const { breakerChanges: _changes, consecutiveFailures: _streak, pausedBy: _pause, ...shown } = record;
  return shown;
}
