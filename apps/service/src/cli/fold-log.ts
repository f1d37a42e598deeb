import type { EventStore } from '@bonrelay/event-store';
import { toDomainEvent } from '../projections/index.ts';
import type { Projection } from '../projections/projection.ts';

const pageSize = 10_000;

/**
 * Folds the log through pure reducers up to a position or time, without touching read tables:
 * "what did the queue look like at 19:55?" is a replay, not a query on today's views.
 */
export function foldLog<States extends Record<string, unknown>>(
  store: EventStore,
  projections: { [K in keyof States]: Projection<States[K]> },
  until: { position?: number; time?: string },
  progress?: (position: number, last: number) => void,
  start?: { position: number; states: States },
): { states: States; position: number } {
  const initial = Object.fromEntries(
    Object.entries(projections).map(([key, projection]) => [
      key,
      (projection as Projection<unknown>).initial,
    ]),
  );
  const states: Record<string, unknown> = start ? { ...start.states } : initial;
  const last = Math.min(until.position ?? Number.POSITIVE_INFINITY, store.lastPosition());
  let after = start?.position ?? 0;
  let position = after;
  outer: for (;;) {
    const page = store.read({ after, limit: pageSize });
    for (const stored of page) {
      if (stored.position > last || (until.time !== undefined && stored.recordedAt > until.time)) break outer;
      const event = toDomainEvent(stored);
      for (const [key, projection] of Object.entries(projections)) {
        states[key] = (projection as Projection<unknown>).reduce(states[key], event);
      }
      position = stored.position;
    }
    if (page.length < pageSize) break;
    after = (page[page.length - 1] as { position: number }).position;
    progress?.(after, last);
  }
  return { states: states as States, position };
}
