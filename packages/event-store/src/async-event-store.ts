import type { AsyncEventStore, EventStore } from './types.ts';

/** Runs a synchronous call so that its throw becomes the promise's rejection, as on a server. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/**
 * The SQLite store behind the asynchronous interface, so code shared with a PostgreSQL deployment
 * (replication, the contract specs) takes either; the service's own hot path keeps the
 * synchronous store.
 */
export function asyncEventStore(store: EventStore): AsyncEventStore {
  return {
    append: (events, options) => settle(() => store.append(events, options)),
    read: (query) => settle(() => store.read(query)),
    readStream: (stream) => settle(() => store.readStream(stream)),
    live: (after) => store.live(after),
    lastPosition: () => settle(() => store.lastPosition()),
    verify: () => settle(() => store.verify()),
    close: () => settle(() => store.close()),
  };
}
