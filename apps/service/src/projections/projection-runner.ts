import type { AnyDomainEvent } from '@bonrelay/domain';
import type { EventStore, StoredEvent } from '@bonrelay/event-store';
import { asapScheduler, BehaviorSubject, type Observable, type SchedulerLike } from 'rxjs';
import type { Projection } from './projection.ts';
import type { ReadTables, ViewCommit } from './read-tables.ts';
import { changedRows, rowLayoutVersion, stateFromRows } from './state-rows.ts';
import { createViewFlusher } from './view-flusher.ts';

/** A view kept current from the live log; `state()` is always up to date with every appended event. */
export interface LiveView<State> {
  readonly name: string;
  state(): State;
  /** Emits after each committed batch: what dashboards and SSE listen to. */
  readonly changes$: Observable<State>;
  position(): number;
}

/** A live view whose rows a flusher writes: what changed since the last commit, and its confirmation. */
export interface RunningView<State> extends LiveView<State> {
  pendingCommit(): ViewCommit | undefined;
  committed(commit: ViewCommit, state: unknown): void;
  stop(): void;
}

/** What the store emits, seen as the domain event it records. */
export function toDomainEvent(event: StoredEvent): AnyDomainEvent {
  return {
    type: event.type,
    data: event.data,
    position: event.position,
    recordedAt: event.recordedAt,
    streamVersion: event.streamVersion,
  } as AnyDomainEvent;
}

/** Rows are only reusable if both the reducer and the row layout are the ones that wrote them. */
export function storedVersion(projection: Pick<Projection<unknown>, 'version'>): number {
  return projection.version * 1000 + rowLayoutVersion;
}

const rebuildPageSize = 5_000;

/**
 * Drops a view's rows and folds the whole log into fresh ones, synchronously (the live tail yields
 * between pages, so a command that must finish before it exits folds the log itself).
 */
export function rebuildView<State>(
  store: EventStore,
  tables: ReadTables,
  projection: Projection<State>,
): State {
  tables.drop(projection.name);
  let state = projection.initial;
  let position = 0;
  for (;;) {
    const page = store.read({ after: position, limit: rebuildPageSize });
    for (const event of page) {
      state = projection.reduce(state, toDomainEvent(event));
      position = event.position;
    }
    if (page.length < rebuildPageSize) break;
  }
  const { upserts } = changedRows(undefined, state);
  tables.commit(projection.name, storedVersion(projection), position, upserts, []);
  return state;
}

/**
 * Starts one projection over `store.live()`: restores its rows if they were built by the same reducer
 * version (else replays from the start) and folds each event into memory at once, so `state()` is
 * current the moment `append` returns. Writing rows is left to a flusher (`onDirty` asks for one).
 */
export function startView<State>(
  store: EventStore,
  tables: ReadTables,
  projection: Projection<State>,
  onDirty: () => void,
): RunningView<State> {
  const saved = tables.checkpoint(projection.name);
  const version = storedVersion(projection);
  let state = projection.initial;
  let position = 0;
  if (saved && saved.version === version) {
    const restored = stateFromRows(projection.initial, tables.rows(projection.name));
    state = projection.revive ? projection.revive(restored) : restored;
    position = saved.position;
  } else if (saved) {
    tables.drop(projection.name);
  }
  // Nothing is written yet on a fresh start: the first batch writes every row, shapes included.
  let committed: State | undefined = saved?.version === version ? state : undefined;
  let committedPosition = position;
  const changes = new BehaviorSubject<State>(state);
  const subscription = store.live(position).subscribe((event) => {
    state = projection.reduce(state, toDomainEvent(event));
    position = event.position;
    onDirty();
  });
  return {
    name: projection.name,
    state: () => state,
    changes$: changes.asObservable(),
    position: () => position,
    pendingCommit: () => {
      if (committedPosition === position) return undefined;
      const { upserts, deletes } = changedRows(committed, state);
      return { name: projection.name, version, position, upserts, deletes, state };
    },
    committed: (commit, at) => {
      committed = at as State;
      committedPosition = commit.position;
      changes.next(state);
    },
    stop: () => {
      subscription.unsubscribe();
      changes.complete();
    },
  };
}

/**
 * One projection with its own flusher, batching within one scheduler turn: for the CLI (rebuild,
 * forget) and for tests. The service runs all its views with one shared flusher instead.
 */
export function runProjection<State>(
  store: EventStore,
  tables: ReadTables,
  projection: Projection<State>,
  scheduler: SchedulerLike = asapScheduler,
): LiveView<State> & { stop(): void; flush(): void } {
  let flusher: ReturnType<typeof createViewFlusher> | undefined;
  const view = startView(store, tables, projection, () => flusher?.request());
  flusher = createViewFlusher(tables, [view], scheduler, 0);
  flusher.request();
  const active = flusher;
  return {
    name: view.name,
    state: view.state,
    changes$: view.changes$,
    position: view.position,
    flush: () => active.flush(),
    stop: () => {
      active.stop();
      view.stop();
    },
  };
}
