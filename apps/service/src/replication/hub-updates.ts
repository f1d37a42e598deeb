import type { LiveUpdate } from '@bonrelay/api';
import { distinctUntilChanged, interval, map, type Observable, type SchedulerLike, startWith } from 'rxjs';
import type { ReplicationStatus } from './ship-log.ts';

/**
 * The dashboard's "hub: replicated up to …" (or "server database: copied up to …") line over SSE:
 * the copy's status, looked at every `everyMs` and pushed only when it changed (its log position
 * moves with every event anyway).
 */
export function hubUpdates(
  status: () => ReplicationStatus,
  everyMs: number,
  scheduler: SchedulerLike,
  event: 'hub' | 'database' = 'hub',
): Observable<LiveUpdate> {
  return interval(everyMs, scheduler).pipe(
    startWith(0),
    map(() => {
      const { state, replicatedUpTo, logPosition, lastContactAt, lastError } = status();
      return { state, replicatedUpTo, logPosition, lastContactAt, lastError };
    }),
    distinctUntilChanged((before, after) => JSON.stringify(before) === JSON.stringify(after)),
    map((data) => ({ event, data })),
  );
}
