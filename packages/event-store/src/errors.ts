/** Optimistic concurrency lost: someone appended to the stream since the caller last looked. */
export class StreamVersionConflictError extends Error {
  readonly code = 'STREAM_VERSION_CONFLICT';
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stream "${stream}" is at version ${actual}, expected ${expected}`);
    this.name = 'StreamVersionConflictError';
  }
}

/** The disk (or the page budget) is full; nothing was written and callers answer 503. */
export class StoreFullError extends Error {
  readonly code = 'STORE_FULL';
  constructor(message = 'event store is full: nothing was written', options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreFullError';
  }
}

/** The log cannot be reached right now (I/O error, lock held too long, closed, read-only). */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The file is not ours to touch: not SQLite, or written by a newer bonrelay. */
export class IncompatibleDatabaseError extends Error {
  readonly code = 'INCOMPATIBLE_DATABASE';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IncompatibleDatabaseError';
  }
}

const typedErrors = [
  StreamVersionConflictError,
  StoreFullError,
  StoreUnavailableError,
  IncompatibleDatabaseError,
];

const unavailableCodes = /^SQLITE_(BUSY|IOERR|READONLY|CANTOPEN|CORRUPT|LOCKED|NOMEM|PROTOCOL)/;

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Translates driver failures into the store's typed errors, so adapters above can answer
 * "full" (503) apart from "unavailable" without knowing SQLite codes. Bugs pass through untouched.
 */
export function toStoreError(error: unknown): unknown {
  if (typedErrors.some((type) => error instanceof type)) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL') return new StoreFullError(undefined, { cause: error });
  if (code === 'SQLITE_NOTADB') {
    return new IncompatibleDatabaseError(`file is not an SQLite database: ${message}`, { cause: error });
  }
  if (code !== undefined && unavailableCodes.test(code)) {
    return new StoreUnavailableError(`event store unavailable (${code}): ${message}`, { cause: error });
  }
  if (error instanceof TypeError && /database connection is not open/.test(message)) {
    return new StoreUnavailableError('event store is closed', { cause: error });
  }
  return error;
}

/** Runs `work`, rethrowing driver failures as typed store errors. */
export function withStoreErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toStoreError(error);
  }
}
