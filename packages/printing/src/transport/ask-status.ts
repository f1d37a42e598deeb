import type { PrinterStatus } from '@bonrelay/domain';
import { decodePrinterStatus, isStatusReply } from './decode-status.ts';
import type { PrinterConnection, WaitResult } from './printer-connection.ts';

const dleEot = (n: number) => [0x10, 0x04, n];

/** What one round of real-time status requests found out. */
export interface StatusAnswer {
  /** False when the printer said nothing at all (a mute printer or a hung one). */
  readonly answered: boolean;
  readonly status: PrinterStatus;
  /** How the wait ended: `ended` / `reset` mean the connection went away meanwhile. */
  readonly wait: WaitResult;
}

/**
 * Asks `DLE EOT 1, 2, 4` (and 3 when the printer reports an error) on an open connection and
 * decodes the answer. Replies are the status-shaped bytes arriving after `from` in the inbox;
 * anything else (a stray ASB, a late completion byte) is skipped.
 */
export async function askStatus(connection: PrinterConnection, timeoutMs: number): Promise<StatusAnswer> {
  const from = connection.inbox.length;
  const replies = () => [...connection.inbox.subarray(from)].filter(isStatusReply);
  connection.write(Buffer.from([...dleEot(1), ...dleEot(2), ...dleEot(4)]));
  let wait = await connection.until(() => replies().length >= 3, timeoutMs);
  let [printer, offlineCause, paperSensor, errorCause] = replies();
  if (wait === 'met' && offlineCause !== undefined && (offlineCause & 0x40) !== 0) {
    connection.write(Buffer.from(dleEot(3)));
    wait = await connection.until(() => replies().length >= 4, timeoutMs);
    errorCause = replies()[3];
  }
  if (printer === undefined) return { answered: false, status: 'unknown', wait };
  return {
    answered: true,
    status: decodePrinterStatus({ printer, offlineCause, errorCause, paperSensor }),
    wait,
  };
}
