import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  catchUpViews,
  printJobQueries,
  printJobsView,
  sqliteViewConnection,
  type TableView,
} from '../src/index.ts';
import { givenLog, jobEvent, queued } from './given-log.ts';

const started = (jobId: string) => jobEvent('PrintAttemptStarted', { jobId, printer: 'kitchen', attempt: 1 });

test('given a log, when a scratch database catches up until a position or a time, then it holds the jobs as they were then', () => {
  const { store } = givenLog();
  store.append([queued('a/kitchen')]);
  store.append([queued('b/kitchen')]);
  store.append([started('a/kitchen')]);
  const secondAt = store.read()[1]?.recordedAt ?? '';
  const past = (until: { position?: number; time?: string }) => {
    const scratch = sqliteViewConnection(new Database(''));
    const position = catchUpViews(store, scratch, [printJobsView], { until, pageSize: 1 });
    const jobs = printJobQueries(scratch);
    return { position, states: ['a/kitchen', 'b/kitchen'].map((id) => jobs.job(id)?.state ?? 'none') };
  };
  assert.equal(past({ position: 1 }), { position: 1, states: ['queued', 'none'] });
  assert.equal(past({ time: secondAt }), { position: 2, states: ['queued', 'queued'] });
  assert.equal(past({}), { position: 3, states: ['printing', 'queued'] });
  assert.equal(past({ position: 0 }), { position: 0, states: ['none', 'none'] });
});

test('given views with checkpoints, when they catch up, then each goes on from its own and a changed version starts over', () => {
  const { store } = givenLog();
  const connection = sqliteViewConnection(store.connection);
  store.append([queued('a/kitchen'), queued('b/kitchen')]);
  assert.is(catchUpViews(store, connection, [printJobsView]), 2);
  store.append([started('a/kitchen')]);
  const seen: number[] = [];
  const counting: TableView = {
    name: 'counting',
    version: 1,
    create: () => undefined,
    drop: () => undefined,
    writer: () => (events) => {
      for (const event of events) seen.push(event.position);
    },
  };
  assert.is(catchUpViews(store, connection, [printJobsView, counting]), 3);
  assert.equal(seen, [1, 2, 3], 'a view without a checkpoint reads the whole log');
  assert.is(printJobQueries(connection).job('a/kitchen')?.state, 'printing');
  assert.is(printJobQueries(connection).job('a/kitchen')?.version, 2, 'the jobs view read position 3 once');
  seen.length = 0;
  assert.is(catchUpViews(store, connection, [{ ...counting, version: 2 }]), 3);
  assert.equal(seen, [1, 2, 3]);
  seen.length = 0;
  assert.is(catchUpViews(store, connection, [{ ...counting, version: 2 }]), 3);
  assert.equal(seen, [], 'nothing new, nothing written');
});

test.run();
