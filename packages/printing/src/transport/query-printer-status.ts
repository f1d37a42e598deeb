import type { PrinterStatus } from '@bonrelay/domain';
import { askStatus } from './ask-status.ts';
import { type ConnectFailure, connectToPrinter } from './printer-connection.ts';
import type { PrinterAddress } from './printer-url.ts';

/**
 * What one status probe found. A printer that accepts the connection but never answers is
 * `reachable` with `answered: false` and status `online`: such printers exist, print fine, and
 * must stay usable; `answered` tells the monitor that "online" is a guess.
 */
export type StatusProbe =
  | { reachable: true; status: PrinterStatus; answered: boolean; latencyMs: number }
  | { reachable: false; failure: ConnectFailure; latencyMs: number };

/** Timeouts of one probe, from the validated config. */
export interface StatusProbeTimeouts {
  readonly connectTimeoutMs: number;
  readonly statusTimeoutMs: number;
}

/**
 * Asks a printer how it is (TCP connect + `DLE EOT`), for the connectivity monitor and the
 * dashboard. Never throws; the connection is always closed before it resolves.
 */
export async function queryPrinterStatus(
  address: PrinterAddress,
  timeouts: StatusProbeTimeouts,
): Promise<StatusProbe> {
  const started = performance.now();
  const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
  const opened = await connectToPrinter(address, timeouts.connectTimeoutMs);
  if (!opened.ok) return { reachable: false, failure: opened.failure, latencyMs: latencyMs() };
  const answer = await askStatus(opened.connection, timeouts.statusTimeoutMs);
  opened.connection.close();
  if (!answer.answered && answer.wait !== 'timeout') {
    return { reachable: false, failure: 'unreachable', latencyMs: latencyMs() };
  }
  return {
    reachable: true,
    status: answer.answered ? answer.status : 'online',
    answered: answer.answered,
    latencyMs: latencyMs(),
  };
}
