/** The `alerts.retry` settings: wait `baseMs`, then `factor` times longer each time, at most `capMs`. */
export interface AlertRetry {
  readonly baseMs: number;
  readonly factor: number;
  readonly capMs: number;
}

/**
 * How long to wait after failed attempt `attempt` (1-based). No jitter: there is one receiver and
 * one sender, so there is no crowd of retries to spread out, and staff can predict when it retries.
 */
export function alertRetryDelay(attempt: number, retry: AlertRetry): number {
  return Math.min(retry.capMs, retry.baseMs * retry.factor ** Math.max(0, attempt - 1));
}
