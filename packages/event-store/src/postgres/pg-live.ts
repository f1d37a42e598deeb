import pg from 'pg';
import { Observable } from 'rxjs';
import { StoreUnavailableError } from '../errors.ts';
import type { StoredEvent } from '../types.ts';
import { toPostgresStoreError } from './pg-errors.ts';

interface Tail {
  poke(): void;
  fail(error: unknown): void;
  complete(): void;
}

export interface PostgresLiveFeedOptions {
  readonly url: string;
  readonly channel: string;
  readonly pageSize: number;
  /** Committed events after a position, at most `limit`, oldest first. */
  readPage(after: number, limit: number): Promise<StoredEvent[]>;
}

export interface PostgresLiveFeed {
  live(after: number): Observable<StoredEvent>;
  /** A commit of this process: read on without waiting for the server's notification. */
  poke(): void;
  close(): Promise<void>;
}

/**
 * The live tail across processes. One connection per store LISTENs on the log's channel; every
 * commit (from any process) NOTIFYs it, and each subscriber then reads by position from its own
 * cursor. A subscriber listens before its first read and reads again when poked during a read, so
 * a commit can never fall between the catch-up and the notifications; its cursor drops what it has
 * seen, so none arrives twice. The NOTIFY's payload is only a hint: the read is the truth.
 */
export function createPostgresLiveFeed(options: PostgresLiveFeedOptions): PostgresLiveFeed {
  const tails = new Set<Tail>();
  let listener: Promise<pg.Client> | undefined;
  let closed = false;

  const pokeAll = () => {
    for (const tail of [...tails]) tail.poke();
  };

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.url });
    client.on('notification', pokeAll);
    client.on('error', (error) => {
      if (closed) return;
      // A dropped listener may have missed notifications: listen again, then read on from the
      // cursors, which catches up whatever was committed meanwhile.
      listener = undefined;
      client.removeAllListeners('notification');
      listen().then(pokeAll, () => {
        for (const tail of [...tails]) tail.fail(toPostgresStoreError(error));
      });
    });
    await client.connect();
    await client.query(`LISTEN "${options.channel}"`);
    return client;
  };

  const listen = (): Promise<pg.Client> => {
    listener ??= connect().catch((error: unknown) => {
      listener = undefined;
      throw toPostgresStoreError(error);
    });
    return listener;
  };

  function live(after: number): Observable<StoredEvent> {
    return new Observable<StoredEvent>((subscriber) => {
      if (closed) {
        subscriber.error(new StoreUnavailableError('event store is closed'));
        return;
      }
      let cursor = after;
      let reading = false;
      let again = false;
      const pump = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          for (;;) {
            again = false;
            const page = await options.readPage(cursor, options.pageSize);
            for (const event of page) {
              if (subscriber.closed) return;
              if (event.position <= cursor) continue;
              cursor = event.position;
              subscriber.next(event);
            }
            if (subscriber.closed || (page.length < options.pageSize && !again)) return;
          }
        } catch (error) {
          if (!closed) subscriber.error(toPostgresStoreError(error));
        } finally {
          reading = false;
        }
      };
      const tail: Tail = {
        poke: () => void pump(),
        fail: (error) => subscriber.error(error),
        complete: () => subscriber.complete(),
      };
      tails.add(tail);
      listen().then(
        () => pump(),
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        tails.delete(tail);
      };
    });
  }

  return {
    live,
    poke: pokeAll,
    async close() {
      closed = true;
      for (const tail of [...tails]) tail.complete();
      tails.clear();
      const client = await listener?.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}
