import { Observable } from 'rxjs';
import type { StoredEvent } from './types.ts';

/** Reads committed events after a position, at most `limit` of them, oldest first. */
export type PageReader = (after: number, limit: number) => StoredEvent[];

type Listener = (events: readonly StoredEvent[]) => void;

export interface LiveFeed {
  /** Called after each commit with what it appended. */
  publish(events: readonly StoredEvent[]): void;
  live(after: number): Observable<StoredEvent>;
  /** Completes every subscriber: the store is closing. */
  complete(): void;
}

/**
 * Tails the log for projections and the saga. A subscriber first catches up from the database in
 * pages (yielding between pages so a million-event replay does not freeze the service), then
 * switches to in-process notifications. Its own cursor drops anything at or below what it has seen,
 * and it only switches once a read came back empty in the same tick, so the seam has no gap and no
 * duplicate. Commits made while subscribers are being notified are queued, keeping order for all.
 */
export function createLiveFeed(readPage: PageReader, pageSize: number): LiveFeed {
  const listeners = new Set<Listener>();
  const completions = new Set<() => void>();
  const pending: (readonly StoredEvent[])[] = [];
  let dispatching = false;

  function publish(events: readonly StoredEvent[]): void {
    if (events.length === 0 || listeners.size === 0) return;
    pending.push(events);
    if (dispatching) return;
    dispatching = true;
    try {
      for (let batch = pending.shift(); batch !== undefined; batch = pending.shift()) {
        for (const listener of [...listeners]) listener(batch);
      }
    } finally {
      dispatching = false;
      pending.length = 0;
    }
  }

  function live(after: number): Observable<StoredEvent> {
    return new Observable<StoredEvent>((subscriber) => {
      let cursor = after;
      let caughtUp = false;
      let timer: NodeJS.Immediate | undefined;

      const deliver = (event: StoredEvent) => {
        if (event.position <= cursor || subscriber.closed) return;
        cursor = event.position;
        subscriber.next(event);
      };
      const listener: Listener = (events) => {
        if (caughtUp) for (const event of events) deliver(event);
      };
      const complete = () => subscriber.complete();

      const catchUp = () => {
        timer = undefined;
        try {
          for (;;) {
            const page = readPage(cursor, pageSize);
            for (const event of page) deliver(event);
            if (subscriber.closed) return;
            if (page.length === 0) {
              caughtUp = true;
              return;
            }
            if (page.length === pageSize) {
              timer = setImmediate(catchUp);
              return;
            }
          }
        } catch (error) {
          subscriber.error(error);
        }
      };

      listeners.add(listener);
      completions.add(complete);
      catchUp();
      return () => {
        if (timer !== undefined) clearImmediate(timer);
        listeners.delete(listener);
        completions.delete(complete);
      };
    });
  }

  function complete(): void {
    for (const done of [...completions]) done();
  }

  return { publish, live, complete };
}
