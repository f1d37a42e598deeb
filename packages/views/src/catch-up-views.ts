import type { AnyDomainEvent } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { TableView } from './table-view.ts';
import { toDomainEvent } from './to-domain-event.ts';
import { viewCheckpoints } from './view-checkpoints.ts';
import type { ViewConnection } from './view-connection.ts';

export interface CatchUpOptions {
  /** Events read and written per step (one transaction each). */
  readonly pageSize?: number;
  /** Stop before the first event past this position, or recorded after this time: the log as it was then. */
  readonly until?: { readonly position?: number; readonly time?: string };
  /** Told after each page: how far the views have come, against where they stop. */
  readonly onProgress?: (position: number, target: number) => void;
}

interface Reader {
  readonly view: TableView;
  readonly write: ReturnType<TableView['writer']>;
  position: number;
}

function open(connection: ViewConnection, views: readonly TableView[]): Reader[] {
  const checkpoints = viewCheckpoints(connection);
  return views.map((view) => {
    const saved = checkpoints.load(view.name);
    const stale = saved === undefined || saved.version !== view.version;
    connection.batch(() => {
      if (stale) view.drop(connection);
      view.create(connection);
      if (stale) checkpoints.save(view.name, { version: view.version, position: 0 });
    });
    return { view, write: view.writer(connection), position: stale ? 0 : saved.position };
  });
}

/**
 * Brings table views up to the log synchronously, each from its own checkpoint (a view that has
 * none, or whose version changed, starts over), a page per transaction with the checkpoints. For
 * commands that must be done before they exit: `forget` erases a guest's rows at once, and `replay`
 * folds the past into a scratch database through the very writers the service uses. Only a page of
 * events is held at a time. Returns the last position written.
 */
export function catchUpViews(
  store: Pick<EventStore, 'read' | 'lastPosition'>,
  connection: ViewConnection,
  views: readonly TableView[],
  options: CatchUpOptions = {},
): number {
  const pageSize = options.pageSize ?? 5_000;
  const { until = {} } = options;
  const readers = open(connection, views);
  const checkpoints = viewCheckpoints(connection);
  const last = Math.min(until.position ?? Number.POSITIVE_INFINITY, store.lastPosition());
  let position = Math.min(...readers.map((reader) => reader.position), last);
  for (let done = position >= last; !done; ) {
    const page = store.read({ after: position, limit: pageSize });
    const events: AnyDomainEvent[] = [];
    for (const stored of page) {
      if (stored.position > last || (until.time !== undefined && stored.recordedAt > until.time)) {
        done = true;
        break;
      }
      events.push(toDomainEvent(stored));
    }
    if (page.length < pageSize) done = true;
    const reached = events[events.length - 1]?.position;
    if (reached === undefined) break;
    connection.batch(() => {
      for (const reader of readers) {
        const unseen = events.filter((event) => event.position > reader.position);
        if (unseen.length === 0) continue;
        reader.write(unseen);
        checkpoints.save(reader.view.name, { version: reader.view.version, position: reached });
      }
    });
    for (const reader of readers) reader.position = Math.max(reader.position, reached);
    position = reached;
    options.onProgress?.(position, last);
  }
  return position;
}
