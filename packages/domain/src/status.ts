/**
 * What a printer can be, as decoded from its real-time status (DLE EOT) or inferred from a failed
 * connection. `unknown` until the first probe answers.
 */
export type PrinterStatus =
  | 'unknown'
  | 'online'
  | 'paper-near-end'
  | 'paper-end'
  | 'cover-open'
  | 'error'
  | 'offline';

/** Statuses in which a printer will actually print (near end still has paper). */
export const printableStatuses: readonly PrinterStatus[] = ['online', 'paper-near-end'];

/** `degraded`: the internet answers but the Wix API does not. */
export type InternetStatus = 'unknown' | 'online' | 'degraded' | 'offline';

/** Overall mode for people: the seed's ONLINE / DEGRADED / OFFLINE / UNKNOWN, plus both-down. */
export type ConnectivityMode = 'unknown' | 'online' | 'degraded' | 'offline' | 'full-offline';

/** Circuit breaker per printer: open means "stop sending, probe instead". */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Why a print attempt failed, typed so the saga can tell "printer is off" (does not burn attempts)
 * from "printer took the job and choked" (does).
 */
export type PrintFailure =
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'reset-mid-job'
  | 'paper-end'
  | 'cover-open'
  | 'offline'
  | 'error';

/** `confirmed`: the printer answered the completion request; `written`: bytes accepted, no answer. */
export type PrintConfirmation = 'confirmed' | 'written';
