import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  printJobQueries,
  printJobsView,
  rebuildViews,
  sqliteViewConnection,
  startViewProjector,
  type TableView,
  type ViewConnection,
} from '../src/index.ts';
import { givenLog, jobEvent, queued } from './given-log.ts';

const rows = (db: import('@bonrelay/event-store').Database) => ({
  jobs: db.prepare('SELECT * FROM print_jobs ORDER BY job_id').all(),
  checkpoint: db.prepare("SELECT version, position FROM view_checkpoints WHERE view = 'print-jobs'").get(),
});

test('given a log written before the views started, they catch up, checkpoint beside their rows, and resume there', async () => {
  const { store } = givenLog();
  store.append([queued('a/kitchen'), queued('b/kitchen')]);
  const connection = sqliteViewConnection(store.connection);
  const first = startViewProjector({
    store,
    connection,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  await first.caughtUp;
  assert.equal(first.progress(), { position: 2, target: 2 });
  first.stop();
  store.append([jobEvent('PrintAttemptStarted', { jobId: 'a/kitchen', printer: 'kitchen', attempt: 1 })]);

  const seen: number[] = [];
  const second = startViewProjector({
    store,
    connection,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
  });
  second.committed$.subscribe((position) => seen.push(position));
  await second.caughtUp;
  assert.equal(seen, [3], 'the second start read only the new event');
  assert.is(printJobQueries(connection).job('a/kitchen')?.state, 'printing');
  assert.equal(rows(store.connection).checkpoint, { version: printJobsView.version, position: 3 });
  assert.equal(second.rebuilding, []);
  second.stop();
});

test('given a view whose version changed, its tables are dropped and the whole log replayed into new ones', async () => {
  const { store } = givenLog();
  store.append([queued('a/kitchen'), queued('b/kitchen')]);
  const connection = sqliteViewConnection(store.connection);
  const options = { store, connection, scheduler: queueScheduler, flushIntervalMs: 0 };
  const first = startViewProjector({ ...options, views: [printJobsView] });
  await first.caughtUp;
  first.stop();
  const before = rows(store.connection).jobs;
  const newer: TableView = { ...printJobsView, version: printJobsView.version + 1 };
  const second = startViewProjector({ ...options, views: [newer] });
  assert.equal(second.rebuilding, ['print-jobs']);
  await second.caughtUp;
  second.stop();
  assert.equal(rows(store.connection).jobs, before);
  assert.equal(rows(store.connection).checkpoint, { version: newer.version, position: 2 });
});

test('given a batch the database refuses, it is kept and written with the next one, never lost', () => {
  const { store } = givenLog();
  const real = sqliteViewConnection(store.connection);
  let refuse = false;
  const errors: unknown[] = [];
  const flaky: ViewConnection = {
    ...real,
    batch: (work) => {
      if (refuse) throw new Error('database or disk is full');
      real.batch(work);
    },
  };
  const projector = startViewProjector({
    store,
    connection: flaky,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
    onError: (error) => errors.push(error),
  });
  refuse = true;
  store.append([queued('a/kitchen')]);
  assert.is(errors.length, 1);
  assert.is(projector.position(), 0);
  refuse = false;
  store.append([queued('b/kitchen')]);
  assert.is(projector.position(), 2);
  assert.equal(
    printJobQueries(real)
      .list({ limit: 5 })
      .map((job) => job.jobId),
    ['b/kitchen', 'a/kitchen'],
  );
  projector.stop();
});

test('given live tables, a rebuild from the log in small pages writes the same rows', async () => {
  const { store, at } = givenLog();
  const connection = sqliteViewConnection(store.connection);
  const projector = startViewProjector({
    store,
    connection,
    views: [printJobsView],
    scheduler: queueScheduler,
    flushIntervalMs: 0,
    maxBatch: 3,
  });
  for (let n = 0; n < 20; n += 1) {
    store.append([queued(`o${n}/kitchen`)]);
    store.append([
      jobEvent('PrintAttemptStarted', { jobId: `o${n}/kitchen`, printer: 'kitchen', attempt: 1 }),
    ]);
    store.append([
      n % 3
        ? jobEvent('PrintJobPrinted', {
            jobId: `o${n}/kitchen`,
            printer: 'kitchen',
            attempt: 1,
            confirmation: 'written',
          })
        : jobEvent('PrintAttemptFailed', {
            jobId: `o${n}/kitchen`,
            printer: 'kitchen',
            attempt: 1,
            failure: 'timeout',
            counted: true,
            nextAttemptAt: at(999),
          }),
    ]);
  }
  await projector.caughtUp;
  projector.stop();
  const live = rows(store.connection);
  const progress: number[] = [];
  const position = rebuildViews(store, connection, [printJobsView], {
    pageSize: 7,
    onProgress: (at) => progress.push(at),
  });
  assert.is(position, 60);
  assert.is(progress.length, 9);
  assert.equal(rows(store.connection), live);
});

test.run();
