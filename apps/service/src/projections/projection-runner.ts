import type { AnyDomainEvent } from '@bonrelay/domain';
import type { EventStore, StoredEvent } from '@bonrelay/event-store';
import { asapScheduler, BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Projection } from './projection.ts';
import type { ReadTables } from './read-tables.ts';
import { changedRows, stateFromRows } from './state-rows.ts';

/** A view kept current from the live log; `state()` is always up to date with every appended event. */
export interface LiveView<State> {
  readonly name: string;
  state(): State;
  /** Emits after each committed batch: what dashboards and SSE listen to. */
  readonly changes$: Observable<State>;
  position(): number;
}

/** What the store emits, seen as the domain event it records. */
export function toDomainEvent(event: StoredEvent): AnyDomainEvent {
  return {
    type: event.type,
    data: event.data,
    position: event.position,
    recordedAt: event.recordedAt,
  } as AnyDomainEvent;
}

/**
 * Runs one projection over `store.live()`: restores its rows if they were built by the same reducer
 * version (else replays from the start), folds each event into memory at once, and commits changed
 * rows plus the checkpoint in one transaction per batch (batches form within one scheduler turn, so a
 * replay of a million events is a handful of commits, and a single webhook is one).
 */
export function runProjection<State>(
  store: EventStore,
  tables: ReadTables,
  projection: Projection<State>,
  scheduler: SchedulerLike = asapScheduler,
): LiveView<State> & { stop(): void; flush(): void } {
  const saved = tables.checkpoint(projection.name);
  let state = projection.initial;
  let position = 0;
  if (saved && saved.version === projection.version) {
    state = stateFromRows(projection.initial, tables.rows(projection.name));
    position = saved.position;
  } else if (saved) {
    tables.drop(projection.name);
  }
  // Nothing is written yet on a fresh start: the first batch writes every row, shapes included.
  let committed: State | undefined = saved?.version === projection.version ? state : undefined;
  let committedPosition = position;
  const changes = new BehaviorSubject<State>(state);
  let scheduled: Subscription | undefined;

  const flush = () => {
    scheduled = undefined;
    if (committedPosition === position) return;
    const { upserts, deletes } = changedRows(committed, state);
    try {
      tables.commit(projection.name, projection.version, position, upserts, deletes);
    } catch {
      // The log is the truth and the view stays current in memory; rows catch up on the next batch
      // (e.g. once a full disk has room again).
      return;
    }
    committed = state;
    committedPosition = position;
    changes.next(state);
  };

  const subscription = store.live(position).subscribe((event) => {
    state = projection.reduce(state, toDomainEvent(event));
    position = event.position;
    if (scheduled) return;
    const action = scheduler.schedule(flush);
    // A synchronous scheduler has already flushed (and cleared `scheduled`) by now.
    if (committedPosition !== position) scheduled = action;
  });

  return {
    name: projection.name,
    state: () => state,
    changes$: changes.asObservable(),
    position: () => position,
    flush: () => {
      scheduled?.unsubscribe();
      flush();
    },
    stop: () => {
      subscription.unsubscribe();
      scheduled?.unsubscribe();
      flush();
      changes.complete();
    },
  };
}
