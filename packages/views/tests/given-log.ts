import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventDataByType,
  type EventToAppend,
  type EventType,
  eventToAppend,
  streams,
} from '@bonrelay/domain';
import { type EventStore, openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { printJobQueries, printJobsView, sqliteViewConnection, startViewProjector } from '../src/index.ts';

/** A log in a fresh SQLite file whose clock moves one second per append, from 19:00. */
export function givenLog(): { store: EventStore; at: (seconds: number) => string } {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-views-')), 'log.db');
  const start = Date.parse('2026-11-27T19:00:00.000Z');
  let seconds = 0;
  const store = openEventStore({ file, clock: () => new Date(start + seconds++ * 1000) });
  return { store, at: (s) => new Date(start + s * 1000).toISOString() };
}

let serial = 0;

/** One job event on the job's own stream, as the saga and the ingress write them. */
export function jobEvent<T extends EventType>(
  type: T,
  data: EventDataByType[T] & { jobId: string },
): EventToAppend {
  serial += 1;
  return eventToAppend(type, streams.printJob(data.jobId), `${type}:${data.jobId}:${serial}`, data);
}

/** A ticket queued for a printer. */
export function queued(
  jobId: string,
  printer = 'kitchen',
  options: Partial<EventDataByType['PrintJobQueued']> = {},
): EventToAppend {
  return jobEvent('PrintJobQueued', {
    jobId,
    orderId: jobId.split('/')[0] ?? jobId,
    ticket: 'kitchen',
    printer,
    priority: 'normal',
    reprint: false,
    ...options,
  });
}

/**
 * A fresh log with the print jobs table kept by a projector that writes at once: `when` appends
 * and flushes, so a spec reads the table right after.
 */
export function givenJobsTable() {
  const { store, at } = givenLog();
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  const when = (...events: EventToAppend[]) => {
    store.append(events);
    projector.flush();
  };
  return { store, at, projector, jobs: printJobQueries(connection), when };
}
