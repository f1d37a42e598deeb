import type { PrintConfirmation, PrinterStatus, PrintFailure } from '@bonrelay/domain';
import { printableStatuses } from '@bonrelay/domain';
import { askStatus } from './ask-status.ts';
import { hasCompletionReply, withCompletionRequest } from './completion-reply.ts';
import { connectToPrinter } from './connect-to-printer.ts';
import type { PrinterConnection } from './printer-connection.ts';
import type { PrinterEndpoint } from './printer-url.ts';

/**
 * How one print attempt ended. `confirmed`: the printer answered the completion request after
 * printing; `written`: a printer that never answers took every byte and closed cleanly, which is
 * all anyone can know. `reachedPrinter`: job bytes were handed to the printer, so part of the
 * ticket may be on paper (the saga counts such attempts and flags reprints).
 */
export type PrintOutcome =
  | { ok: true; confirmation: PrintConfirmation; latencyMs: number }
  | { ok: false; failure: PrintFailure; detail: string; reachedPrinter: boolean };

/** Timeouts of one attempt, from the validated config. */
export interface PrintJobTimeouts {
  readonly connectTimeoutMs: number;
  readonly statusTimeoutMs: number;
  readonly completionTimeoutMs: number;
  /**
   * The printer has answered status before. Then silence means "busy or stuck", not "a printer
   * that never answers": the job is not sent blind (it would only be recorded as `written`).
   */
  readonly answersStatus?: boolean;
  /** How often a USB device is read while it is silent (its reads never block). */
  readonly devicePollMs?: number;
}

/** A status that stops printing, as the failure the saga records. */
function stoppedBy(status: PrinterStatus): PrintFailure {
  return status === 'paper-end' || status === 'cover-open' || status === 'offline' ? status : 'error';
}

type Failure = Extract<PrintOutcome, { ok: false }>;
const fail = (failure: PrintFailure, detail: string, reachedPrinter: boolean): Failure => ({
  ok: false,
  failure,
  detail,
  reachedPrinter,
});

/**
 * Sends one rendered ticket and reports honestly what is known about it: status first (a
 * printer without paper gets nothing, so nothing half-prints), then the job, then the printer's
 * own word that it printed. Never throws; the connection is always closed before it resolves.
 */
export async function sendPrintJob(
  address: PrinterEndpoint,
  bytes: Buffer,
  timeouts: PrintJobTimeouts,
): Promise<PrintOutcome> {
  // node-thermal-printer's execute() crashes the process on an empty buffer; nothing to print is a bug upstream.
  if (bytes.length === 0) return fail('error', 'refused to send an empty job', false);
  const started = performance.now();
  const opened = await connectToPrinter(address, timeouts);
  if (!opened.ok) return fail(opened.failure, opened.detail, false);
  const connection = opened.connection;
  try {
    const outcome = await attempt(connection, withCompletionRequest(bytes), timeouts);
    return outcome.ok
      ? { ...outcome, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
      : outcome;
  } finally {
    connection.close();
  }
}

async function attempt(
  connection: PrinterConnection,
  job: Buffer,
  timeouts: PrintJobTimeouts,
): Promise<Failure | { ok: true; confirmation: PrintConfirmation; latencyMs: number }> {
  const before = await askStatus(connection, timeouts.statusTimeoutMs);
  if (before.wait === 'reset' || before.wait === 'ended') {
    return fail(
      'reset-mid-job',
      `printer dropped the connection before the job: ${connection.error || 'closed'}`,
      false,
    );
  }
  if (before.answered && !printableStatuses.includes(before.status)) {
    return fail(stoppedBy(before.status), `printer reports ${before.status}; job not sent`, false);
  }
  if (!before.answered && timeouts.answersStatus) {
    return fail('timeout', `no status reply within ${timeouts.statusTimeoutMs} ms; job not sent`, false);
  }
  const from = connection.inbox.length;
  connection.write(job);
  if (!before.answered) return awaitCleanClose(connection, from, timeouts.completionTimeoutMs);
  const done = await connection.until(
    () => hasCompletionReply(connection.inbox, from),
    timeouts.completionTimeoutMs,
  );
  if (done === 'met') return { ok: true, confirmation: 'confirmed', latencyMs: 0 };
  if (done !== 'timeout') {
    return fail(
      'reset-mid-job',
      `connection lost before the printer confirmed: ${connection.error || 'closed'}`,
      true,
    );
  }
  // No confirmation in time: a printer that stopped mid-job (paper ran out) still answers DLE EOT.
  const after = await askStatus(connection, timeouts.statusTimeoutMs);
  if (after.answered && !printableStatuses.includes(after.status)) {
    return fail(stoppedBy(after.status), `printer stopped mid-job: ${after.status}`, true);
  }
  return fail('timeout', `no completion reply within ${timeouts.completionTimeoutMs} ms`, true);
}

/**
 * For printers that never answer: success is "took every byte and closed cleanly" (on USB, which
 * has no close from the printer's side: the device took every byte). A printer that says anything
 * on the way (a late status reply after a hang) is not mute, so only its completion reply counts:
 * a reset right after such a reply can reach us as a clean close.
 */
async function awaitCleanClose(
  connection: PrinterConnection,
  from: number,
  completionTimeoutMs: number,
): Promise<Failure | { ok: true; confirmation: PrintConfirmation; latencyMs: number }> {
  connection.finish();
  const closed = await connection.until(
    () => hasCompletionReply(connection.inbox, from),
    completionTimeoutMs,
  );
  if (closed === 'met') return { ok: true, confirmation: 'confirmed', latencyMs: 0 };
  if (closed === 'ended' && connection.inbox.length > 0) {
    return fail('reset-mid-job', 'printer answered late, then closed without confirming the job', true);
  }
  if (closed === 'ended') return { ok: true, confirmation: 'written', latencyMs: 0 };
  if (closed === 'reset') return fail('reset-mid-job', `connection reset: ${connection.error}`, true);
  return fail('timeout', `printer neither answered nor closed within ${completionTimeoutMs} ms`, true);
}
