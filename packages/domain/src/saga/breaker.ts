import type { BreakerState, PrintFailure } from '../status.ts';

/** When to stop sending to a printer that keeps failing. */
export interface BreakerConfig {
  /** Consecutive transport failures that open the breaker. */
  readonly failureThreshold: number;
}

/**
 * Failures that say the printer itself is out of paper or open. They pause the printer instead of
 * tripping the breaker: a person has to act, and the status monitor sees when they did.
 */
export function isPauseFailure(failure: PrintFailure): boolean {
  return failure === 'paper-end' || failure === 'cover-open';
}

/** Failures that mean the printer could not be reached or lost the job in transit: these trip the breaker. */
export function isTransportFailure(failure: PrintFailure): boolean {
  return !isPauseFailure(failure);
}

/**
 * Where the breaker goes after an attempt: success closes it; a transport failure while half-open
 * re-opens it, and the `failureThreshold`-th consecutive one opens a closed breaker.
 */
export function breakerAfterAttempt(
  breaker: BreakerState,
  consecutiveFailures: number,
  result: { ok: true } | { ok: false; failure: PrintFailure },
  config: BreakerConfig,
): BreakerState {
  if (result.ok) return 'closed';
  if (!isTransportFailure(result.failure)) return breaker;
  if (breaker === 'half-open') return 'open';
  if (breaker === 'closed' && consecutiveFailures + 1 >= config.failureThreshold) return 'open';
  return breaker;
}
