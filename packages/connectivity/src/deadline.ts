import { identity, type MonoTypeOperatorFunction, type SchedulerLike, timeout } from 'rxjs';

/**
 * Bounds one probe in (virtual) time. A probe that never answers would otherwise hold the monitor
 * forever, because probes never overlap and every later tick is dropped while one is in flight.
 */
export function deadline<T>(
  scheduler: SchedulerLike,
  timeoutMs: number | undefined,
): MonoTypeOperatorFunction<T> {
  return timeoutMs === undefined ? identity : timeout<T, T>({ first: timeoutMs, scheduler });
}

/** Words for an error of any shape, because reasons end up in the log as strings. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
