import type { EventStore } from '@bonrelay/event-store';
import type { TableView } from './table-view.ts';
import { toDomainEvent } from './to-domain-event.ts';
import { viewCheckpoints } from './view-checkpoints.ts';
import type { ViewConnection } from './view-connection.ts';

export interface RebuildOptions {
  /** Events read and written per step. */
  readonly pageSize?: number;
  /** Told after each page: how far the rebuild has come, against the log's end. */
  readonly onProgress?: (position: number, target: number) => void;
}

/**
 * Drops the given views' tables and replays the whole log into fresh ones, in one transaction, so
 * a reader sees either the old rows or the complete new ones (never a half-built view). Synchronous:
 * the CLI must finish before it exits, and the service is stopped while it runs.
 */
export function rebuildViews(
  store: Pick<EventStore, 'read' | 'lastPosition'>,
  connection: ViewConnection,
  views: readonly TableView[],
  options: RebuildOptions = {},
): number {
  const pageSize = options.pageSize ?? 5_000;
  const checkpoints = viewCheckpoints(connection);
  const target = store.lastPosition();
  let position = 0;
  connection.batch(() => {
    for (const view of views) {
      view.drop(connection);
      view.create(connection);
    }
    const writers = views.map((view) => view.writer(connection));
    for (;;) {
      const page = store.read({ after: position, limit: pageSize });
      if (page.length === 0) break;
      const events = page.map(toDomainEvent);
      for (const write of writers) write(events);
      position = page[page.length - 1]!.position;
      options.onProgress?.(position, target);
      if (page.length < pageSize) break;
    }
    for (const view of views) checkpoints.save(view.name, { version: view.version, position });
  });
  return position;
}
