import type { AnyDomainEvent } from '@bonrelay/domain';
import { type EventStore, StreamVersionConflictError } from '@bonrelay/event-store';
import { toDomainEvent } from '@bonrelay/views';
import { filter, map } from 'rxjs';
import type { SagaLog } from './run-printer-saga.ts';

/**
 * The log as one printer's saga sees it. A lost optimistic-concurrency race becomes an answer (the
 * saga re-decides), with the log's end as the position the jobs table must reach to show what won.
 */
export function sagaLog(store: EventStore, printer: string): SagaLog {
  return {
    lastPosition: () => store.lastPosition(),
    printerStatus$: (after) =>
      store.live(after).pipe(
        filter(
          (event) =>
            event.type === 'PrinterStatusChanged' && (event.data as { printer?: string }).printer === printer,
        ),
        map((event): AnyDomainEvent => toDomainEvent(event)),
      ),
    append: (events, expectedVersion) => {
      try {
        return { kind: 'appended', position: store.append(events, { expectedVersion }).lastPosition };
      } catch (error) {
        if (!(error instanceof StreamVersionConflictError)) throw error;
        return { kind: 'conflict', stream: error.stream, position: store.lastPosition() };
      }
    },
  };
}
