/** Exponential backoff: the first retry waits up to `baseMs`, each next one `factor` times longer, never above `capMs`. */
export interface BackoffConfig {
  readonly baseMs: number;
  readonly factor: number;
  readonly capMs: number;
}

/**
 * The one backoff formula: the longest wait after failed attempt `attempt` (1-based). Used as it is
 * where one sender retries towards one receiver (alerts: staff can predict the next try), and
 * jittered below where many retry at once.
 */
export function backoffCeiling(attempt: number, config: BackoffConfig): number {
  return Math.min(config.capMs, config.baseMs * config.factor ** Math.max(0, attempt - 1));
}

/**
 * How long to wait before attempt `attempt + 1`, with full jitter: a random share of the
 * exponential ceiling, so several printers (or restarts) coming back at once do not retry in step.
 * `random` returns [0, 1) and is injected so tests pin it.
 */
export function nextAttemptDelay(attempt: number, config: BackoffConfig, random: () => number): number {
  return Math.floor(random() * backoffCeiling(attempt, config));
}
