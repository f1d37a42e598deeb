import type { PrinterStatus } from '@bonrelay/domain';

/** The bytes a printer answered to `DLE EOT 1` … `DLE EOT 4`; missing means not answered. */
export interface StatusReplies {
  readonly printer?: number;
  readonly offlineCause?: number;
  readonly errorCause?: number;
  readonly paperSensor?: number;
}

/** A real-time status byte always has these fixed bits; anything else is not a status reply. */
export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

const has = (byte: number | undefined, bits: number): boolean =>
  byte !== undefined && isStatusReply(byte) && (byte & bits) !== 0;

/**
 * Reads what a printer said about itself into one status the kitchen understands. The order
 * matters: the cause a person can fix (close the cover, load paper) wins over the generic
 * "offline" bit that every stop also sets. No valid printer byte at all means "unknown".
 */
export function decodePrinterStatus(replies: StatusReplies): PrinterStatus {
  const answered = [replies.printer, replies.offlineCause, replies.errorCause, replies.paperSensor].some(
    (byte) => byte !== undefined && isStatusReply(byte),
  );
  if (!answered) return 'unknown';
  if (has(replies.offlineCause, 0x04)) return 'cover-open';
  if (has(replies.offlineCause, 0x20) || has(replies.paperSensor, 0x60)) return 'paper-end';
  if (has(replies.offlineCause, 0x40) || has(replies.errorCause, 0x6c)) return 'error';
  if (has(replies.printer, 0x08)) return 'offline';
  if (has(replies.paperSensor, 0x0c)) return 'paper-near-end';
  return 'online';
}
