import { IncompatibleDatabaseError, StoreFullError, StoreUnavailableError } from '../errors.ts';

const typed = [StoreFullError, StoreUnavailableError, IncompatibleDatabaseError];

/** SQLSTATE classes that mean the server cannot serve now: connection, resources, shutdown, I/O. */
const unavailableStates = /^(08|53|57|58)/;
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * The PostgreSQL side of `toStoreError`: a full disk (53100) is "full" (503 and nothing written),
 * a server that is down, restarting or unreachable is "unavailable", and everything else (a bug, a
 * conflict the caller handles) passes through untouched.
 */
export function toPostgresStoreError(error: unknown): unknown {
  if (typed.some((type) => error instanceof type)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '53100') return new StoreFullError(undefined, { cause: error });
  if (typeof code === 'string' && (unavailableStates.test(code) || socketCodes.has(code))) {
    return new StoreUnavailableError(`event store unavailable (${code}): ${message}`, { cause: error });
  }
  if (/pool after calling end|Connection terminated|not queryable/i.test(message)) {
    return new StoreUnavailableError(`event store unavailable: ${message}`, { cause: error });
  }
  return error;
}

/** Awaits `work`, rethrowing driver failures as typed store errors. */
export async function withPostgresErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPostgresStoreError(error);
  }
}
