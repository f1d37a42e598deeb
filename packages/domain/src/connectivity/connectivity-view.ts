import type { AnyDomainEvent } from '../events.ts';
import type { BreakerState, InternetStatus, PrinterStatus } from '../status.ts';

/** Bump when the reducer's output changes, so the service rebuilds the materialised view. */
export const connectivityViewVersion = 1;

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

export interface InternetConnectivity {
  readonly status: InternetStatus;
  readonly since?: string;
  readonly failedTargets: readonly string[];
}

export interface ConnectivityView {
  readonly printers: Readonly<Record<string, PrinterConnectivity>>;
  readonly internet: InternetConnectivity;
}

export const initialConnectivity: ConnectivityView = {
  printers: {},
  internet: { status: 'unknown', failedTargets: [] },
};

function printerOf(view: ConnectivityView, printer: string, at: string): PrinterConnectivity {
  return (
    view.printers[printer] ?? {
      printer,
      status: 'unknown',
      since: at,
      reason: 'not probed yet',
      breaker: 'closed',
    }
  );
}

/**
 * Follows the monitors' facts into "what is reachable right now", the input of the status page,
 * the overall mode and the saga's choice of which printer to feed.
 */
export function reduceConnectivity(view: ConnectivityView, event: AnyDomainEvent): ConnectivityView {
  switch (event.type) {
    case 'PrinterStatusChanged': {
      const { printer, to, reason, latencyMs } = event.data;
      const current = printerOf(view, printer, event.recordedAt);
      const since = current.status === to && view.printers[printer] ? current.since : event.recordedAt;
      const { latencyMs: _stale, ...rest } = current;
      const next = { ...rest, status: to, since, reason, ...(latencyMs === undefined ? {} : { latencyMs }) };
      return { ...view, printers: { ...view.printers, [printer]: next } };
    }
    case 'PrinterBreakerChanged': {
      const { printer, to } = event.data;
      const current = printerOf(view, printer, event.recordedAt);
      const next = { ...current, breaker: to, breakerSince: event.recordedAt };
      return { ...view, printers: { ...view.printers, [printer]: next } };
    }
    case 'InternetStatusChanged': {
      const { to, failedTargets } = event.data;
      const since = view.internet.status === to ? view.internet.since : event.recordedAt;
      return { ...view, internet: { status: to, since, failedTargets } };
    }
    default:
      return view;
  }
}
