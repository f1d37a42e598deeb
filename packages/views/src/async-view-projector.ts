import type { AnyDomainEvent } from '@bonrelay/domain';
import type { AsyncEventStore, StoredEvent } from '@bonrelay/event-store';
import { BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { AsyncViewConnection } from './async-view-connection.ts';
import { runOnRows } from './run-on-rows.ts';
import type { TableView } from './table-view.ts';
import { toDomainEvent } from './to-domain-event.ts';
import { checkpointStatements, type ViewCheckpoint } from './view-checkpoints.ts';
import type { ViewProgress } from './view-projector.ts';

export interface AsyncViewProjectorOptions {
  readonly store: Pick<AsyncEventStore, 'read' | 'live' | 'lastPosition'>;
  readonly connection: AsyncViewConnection;
  readonly views: readonly TableView[];
  readonly scheduler: SchedulerLike;
  /** How long a committed event may wait before its batch is written (the views' freshness). */
  readonly flushIntervalMs: number;
  /** Events per transaction at most; a batch is written at once when it holds this many. */
  readonly maxBatch?: number;
  /** Told when a batch could not be written (it is kept and written with the next one). */
  readonly onError?: (error: unknown) => void;
}

/** The projector on a server database: as the synchronous one, with writes that finish later. */
export interface AsyncViewProjector {
  position(): number;
  readonly committed$: Observable<number>;
  readonly caughtUp: Promise<void>;
  progress(): ViewProgress;
  readonly rebuilding: readonly string[];
  /** Writes what is pending now; resolves once it is committed (or kept after a failure). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface OpenView {
  readonly view: TableView;
  position: number;
}

async function openViews(connection: AsyncViewConnection, views: readonly TableView[]) {
  await connection.exec(checkpointStatements.ddl);
  const rebuilding: string[] = [];
  const open: OpenView[] = [];
  for (const view of views) {
    const [saved] = await connection.query<ViewCheckpoint>(checkpointStatements.select, [view.name]);
    const stale = saved === undefined || saved.version !== view.version;
    await connection.transaction((trx) =>
      runOnRows(trx, (sync) => {
        if (stale) view.drop(sync);
        view.create(sync);
        if (stale) sync.prepare(checkpointStatements.upsert).run(view.name, view.version, 0);
      }),
    );
    if (stale && saved !== undefined) rebuilding.push(view.name);
    open.push({ view, position: stale ? 0 : saved.position });
  }
  return { open, rebuilding };
}

/**
 * Keeps every table view current with the log on a server database: the same views, writers and
 * checkpoints as the synchronous projector, one transaction per batch with each view's new
 * checkpoint, and one batch in flight at a time so batches commit in log order. SQLite keeps
 * `startViewProjector`, whose batches cost no round trips.
 */
export async function startAsyncViewProjector(
  options: AsyncViewProjectorOptions,
): Promise<AsyncViewProjector> {
  const { connection, scheduler } = options;
  const maxBatch = options.maxBatch ?? 2_000;
  const { open, rebuilding } = await openViews(connection, options.views);
  const start = Math.min(...open.map((entry) => entry.position));
  const target = await options.store.lastPosition();
  const committed = new BehaviorSubject<number>(start);
  let pending: AnyDomainEvent[] = [];
  let scheduled: Subscription | undefined;
  let stopped = false;
  let writing: Promise<void> = Promise.resolve();
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });
  if (start >= target) markCaughtUp();

  const writeBatch = async (batch: readonly AnyDomainEvent[]) => {
    const last = batch[batch.length - 1]!.position;
    await connection.transaction(async (trx) => {
      for (const entry of open) {
        const unseen = batch.filter((event) => event.position > entry.position);
        if (unseen.length === 0) continue;
        await runOnRows(trx, (sync) => entry.view.writer(sync)(unseen));
        await trx.query(checkpointStatements.upsert, [entry.view.name, entry.view.version, last]);
      }
    });
    for (const entry of open) entry.position = Math.max(entry.position, last);
    committed.next(last);
    if (last >= target) markCaughtUp();
  };

  const writePending = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      try {
        await writeBatch(batch);
      } catch (error) {
        // The log is the truth: the batch goes back in front and is written with the next one.
        pending = batch.concat(pending);
        options.onError?.(error);
        return;
      }
    }
  };

  const flush = (): Promise<void> => {
    scheduled?.unsubscribe();
    scheduled = undefined;
    writing = writing.then(writePending);
    return writing;
  };

  const onLive = (stored: StoredEvent) => {
    pending.push(toDomainEvent(stored));
    if (pending.length >= maxBatch) void flush();
    else if (scheduled === undefined && !stopped) {
      let ran = false;
      const action = scheduler.schedule(() => {
        ran = true;
        void flush();
      }, options.flushIntervalMs);
      if (!ran) scheduled = action;
    }
  };

  // The past is read a batch at a time and each written before the next is read, so a long log
  // never sits in memory (the live tail would deliver it faster than batches commit); the tail
  // takes over from wherever that ends and catches up whatever came meanwhile.
  let subscription: Subscription | undefined;
  const catchingUp = (async () => {
    let position = start;
    while (!stopped && position < target) {
      const page = await options.store.read({ after: position, limit: maxBatch });
      if (page.length === 0) break;
      pending.push(...page.map(toDomainEvent));
      await flush();
      if (pending.length > 0) {
        // The batch failed (and was reported): the tail reads it again from what was committed.
        pending = [];
        break;
      }
      position = page[page.length - 1]!.position;
    }
    if (!stopped) subscription = options.store.live(committed.value).subscribe(onLive);
  })().catch((error: unknown) => options.onError?.(error));

  return {
    position: () => committed.value,
    committed$: committed.asObservable(),
    caughtUp,
    progress: () => ({ position: committed.value, target }),
    rebuilding,
    flush,
    stop: async () => {
      stopped = true;
      await catchingUp;
      subscription?.unsubscribe();
      await flush();
      scheduled?.unsubscribe();
      committed.complete();
    },
  };
}
