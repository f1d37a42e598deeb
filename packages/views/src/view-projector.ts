import type { AnyDomainEvent } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { TableView } from './table-view.ts';
import { toDomainEvent } from './to-domain-event.ts';
import { viewCheckpoints } from './view-checkpoints.ts';
import type { ViewConnection } from './view-connection.ts';

export interface ViewProjectorOptions {
  readonly store: Pick<EventStore, 'live' | 'lastPosition'>;
  readonly connection: ViewConnection;
  readonly views: readonly TableView[];
  readonly scheduler: SchedulerLike;
  /** How long a committed event may wait before its batch is written (the views' freshness). */
  readonly flushIntervalMs: number;
  /** A batch is written at once when it holds this many events (catch-up over a long log). */
  readonly maxBatch?: number;
  /** Told when a batch could not be written (it is kept and written with the next one). */
  readonly onError?: (error: unknown) => void;
}

/** How far the views have read, against the log's end when they started. */
export interface ViewProgress {
  readonly position: number;
  readonly target: number;
}

export interface ViewProjector {
  /** The last log position every view has written. */
  position(): number;
  /** Emits each position the views reach, after its batch committed. */
  readonly committed$: Observable<number>;
  /** Resolves once the views hold the whole log as it stood at start. */
  readonly caughtUp: Promise<void>;
  progress(): ViewProgress;
  /** Names of views whose rows were dropped at start because their version changed. */
  readonly rebuilding: readonly string[];
  /** Writes what is pending now. */
  flush(): void;
  stop(): void;
}

interface OpenView {
  readonly view: TableView;
  readonly write: (events: readonly AnyDomainEvent[]) => void;
  position: number;
}

function openViews(connection: ViewConnection, views: readonly TableView[]) {
  const checkpoints = viewCheckpoints(connection);
  const rebuilding: string[] = [];
  const open = views.map((view): OpenView => {
    const saved = checkpoints.load(view.name);
    if (saved === undefined || saved.version !== view.version) {
      connection.batch(() => {
        view.drop(connection);
        view.create(connection);
        checkpoints.save(view.name, { version: view.version, position: 0 });
      });
      if (saved !== undefined) rebuilding.push(view.name);
      return { view, write: view.writer(connection), position: 0 };
    }
    view.create(connection);
    return { view, write: view.writer(connection), position: saved.position };
  });
  return { open, checkpoints, rebuilding };
}

/**
 * Keeps every table view current with the log: one subscription to `live()` from the oldest
 * checkpoint, events gathered into batches, and each batch written in one transaction together with
 * each view's new checkpoint, so a view is never ahead of or behind the position it claims. Nothing
 * but the batch in hand is held in memory.
 */
export function startViewProjector(options: ViewProjectorOptions): ViewProjector {
  const { connection, scheduler } = options;
  const maxBatch = options.maxBatch ?? 2_000;
  const { open, checkpoints, rebuilding } = openViews(connection, options.views);
  const start = Math.min(...open.map((view) => view.position));
  const target = options.store.lastPosition();
  const committed = new BehaviorSubject<number>(start);
  let pending: AnyDomainEvent[] = [];
  let scheduled: Subscription | undefined;
  let stopped = false;
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });
  if (start >= target) markCaughtUp();

  const flush = () => {
    scheduled?.unsubscribe();
    scheduled = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    const last = batch[batch.length - 1]!.position;
    try {
      connection.batch(() => {
        for (const entry of open) {
          const unseen =
            entry.position === 0 ? batch : batch.filter((event) => event.position > entry.position);
          if (unseen.length === 0) continue;
          entry.write(unseen);
          checkpoints.save(entry.view.name, { version: entry.view.version, position: last });
        }
      });
    } catch (error) {
      // The log is the truth: the batch stays pending and goes with the next one (a full disk
      // that has room again).
      options.onError?.(error);
      return;
    }
    pending = pending.length === batch.length ? [] : pending.slice(batch.length);
    for (const entry of open) entry.position = Math.max(entry.position, last);
    committed.next(last);
    if (last >= target) markCaughtUp();
  };

  const subscription = options.store.live(start).subscribe((stored) => {
    pending.push(toDomainEvent(stored));
    if (pending.length >= maxBatch) flush();
    else if (scheduled === undefined && !stopped) {
      let ran = false;
      const action = scheduler.schedule(() => {
        ran = true;
        flush();
      }, options.flushIntervalMs);
      // A synchronous scheduler has flushed already; keep no handle to a finished action.
      if (!ran) scheduled = action;
    }
  });

  return {
    position: () => committed.value,
    committed$: committed.asObservable(),
    caughtUp,
    progress: () => ({ position: committed.value, target }),
    rebuilding,
    flush,
    stop: () => {
      stopped = true;
      subscription.unsubscribe();
      flush();
      scheduled?.unsubscribe();
      committed.complete();
    },
  };
}
