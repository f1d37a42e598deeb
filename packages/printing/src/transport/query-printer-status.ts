import { realpath } from 'node:fs/promises';
import type { PrinterStatus } from '@bonrelay/domain';
import { askStatus } from './ask-status.ts';
import { connectToPrinter } from './connect-to-printer.ts';
import type { ConnectFailure } from './printer-connection.ts';
import type { PrinterEndpoint } from './printer-url.ts';
import { isDeviceClaimed } from './usb-device-claims.ts';

/**
 * What one status probe found. A printer that accepts the connection but never answers is
 * `reachable` with `answered: false` and status `online`: such printers exist, print fine, and
 * must stay usable; `answered` tells the monitor that "online" is a guess.
 */
export type StatusProbe =
  | { reachable: true; status: PrinterStatus; answered: boolean; latencyMs: number; busy?: true }
  | { reachable: false; failure: ConnectFailure; detail: string; latencyMs: number };

/** Timeouts of one probe, from the validated config. */
export interface StatusProbeTimeouts {
  readonly connectTimeoutMs: number;
  readonly statusTimeoutMs: number;
  /** How often a USB device is read while it is silent (its reads never block). */
  readonly devicePollMs?: number;
}

/** A USB device this process is printing on right now: it is there, and must not be asked beside the job. */
async function printingOn(address: PrinterEndpoint): Promise<boolean> {
  if (address.kind !== 'usb-device') return false;
  try {
    return isDeviceClaimed(await realpath(address.path));
  } catch {
    return false;
  }
}

/**
 * Asks a printer how it is (open a connection + `DLE EOT`), for the connectivity monitor and the
 * dashboard. Never throws; the connection is always closed before it resolves.
 */
export async function queryPrinterStatus(
  address: PrinterEndpoint,
  timeouts: StatusProbeTimeouts,
): Promise<StatusProbe> {
  const started = performance.now();
  const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
  if (await printingOn(address)) {
    return { reachable: true, status: 'online', answered: false, busy: true, latencyMs: latencyMs() };
  }
  const opened = await connectToPrinter(address, timeouts);
  if (!opened.ok) {
    return { reachable: false, failure: opened.failure, detail: opened.detail, latencyMs: latencyMs() };
  }
  const answer = await askStatus(opened.connection, timeouts.statusTimeoutMs);
  opened.connection.close();
  if (!answer.answered && answer.wait !== 'timeout') {
    const detail = `connection lost before the status reply: ${opened.connection.error || 'closed'}`;
    return { reachable: false, failure: 'unreachable', detail, latencyMs: latencyMs() };
  }
  return {
    reachable: true,
    status: answer.answered ? answer.status : 'online',
    answered: answer.answered,
    latencyMs: latencyMs(),
  };
}
