import type { Refusal } from '@bonrelay/api';
import { StoreFullError, StoreUnavailableError } from '@bonrelay/event-store';

/**
 * Turns a store failure into the answer that makes the sender try again later: Wix retries on any
 * non-2xx, so a full disk must be a 503, never a 200 for an order we did not keep.
 */
export function storeFailureAnswer(error: unknown, retryAfterSeconds: number): Refusal<503> | undefined {
  if (error instanceof StoreFullError) {
    return {
      status: 503,
      body: { error: 'storage-full', message: 'the disk is full; nothing was stored, please retry' },
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }
  if (error instanceof StoreUnavailableError) {
    return {
      status: 503,
      body: { error: 'storage-unavailable', message: 'the order log is unavailable; nothing was stored' },
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }
  return undefined;
}
