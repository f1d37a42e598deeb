import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyDomainEvent } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { queueScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openReadTables, type Projection, runProjection } from '../src/projections/index.ts';
import { rowLayoutVersion } from '../src/projections/state-rows.ts';

interface Tally {
  readonly byType: Readonly<Record<string, number>>;
  readonly byStream: ReadonlyMap<string, { count: number }>;
  readonly last: string | null;
}

const tally: Projection<Tally> = {
  name: 'tally',
  version: 1,
  initial: { byType: {}, byStream: new Map(), last: null },
  reduce: (state, event: AnyDomainEvent) => {
    const byStream = new Map(state.byStream);
    const key = event.type === 'OrderCanceled' ? 'gone' : event.type;
    byStream.set(key, { count: (byStream.get(key)?.count ?? 0) + 1 });
    if (event.type === 'ServiceStopped') byStream.delete('ServiceStarted');
    return {
      byType: { ...state.byType, [event.type]: (state.byType[event.type] ?? 0) + 1 },
      byStream,
      last: event.recordedAt,
    };
  },
};

function freshStore() {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-projection-')), 'log.db');
  return { file, store: openEventStore({ file, clock: () => new Date('2026-11-27T19:40:00Z') }) };
}

const started = (n: number) => ({
  id: `started-${n}`,
  stream: 'service',
  type: 'ServiceStarted',
  data: { version: '1', configDigest: 'x' },
});

test('given events in the log, when the view runs, then it folds them and keeps up with appends', () => {
  const { store } = freshStore();
  store.append([started(1), started(2)]);
  const view = runProjection(store, openReadTables(store.connection), tally, queueScheduler);
  assert.equal(view.state().byType, { ServiceStarted: 2 });
  store.append([{ id: 'stop', stream: 'service', type: 'ServiceStopped', data: { reason: 'SIGTERM' } }]);
  assert.equal(view.state().byType, { ServiceStarted: 2, ServiceStopped: 1 });
  assert.is(view.position(), 3);
  view.stop();
  store.close();
});

test('given a committed view, when the service restarts, then rows restore the same state without replay', () => {
  const { file, store } = freshStore();
  store.append([started(1), started(2)]);
  const first = runProjection(store, openReadTables(store.connection), tally, queueScheduler);
  first.flush();
  const before = first.state();
  first.stop();
  store.close();

  const reopened = openEventStore({ file });
  const tables = openReadTables(reopened.connection);
  assert.equal(tables.checkpoint('tally'), { version: 1000 + rowLayoutVersion, position: 2 });
  const second = runProjection(reopened, tables, tally, queueScheduler);
  assert.equal(second.state(), before);
  assert.ok(second.state().byStream instanceof Map);
  second.stop();
  reopened.close();
});

test('given rows from an older reducer version, when it starts, then it drops them and replays', () => {
  const { store } = freshStore();
  store.append([started(1)]);
  const tables = openReadTables(store.connection);
  tables.commit('tally', 0, 1, [{ path: 'byType/Bogus', json: '99' }], []);
  const view = runProjection(store, tables, tally, queueScheduler);
  assert.equal(view.state().byType, { ServiceStarted: 1 });
  view.flush();
  assert.equal(tables.checkpoint('tally'), { version: 1000 + rowLayoutVersion, position: 1 });
  view.stop();
  store.close();
});

test('dropping the read tables and replaying gives identical views', () => {
  const { store } = freshStore();
  for (let n = 0; n < 50; n++) store.append([started(n)]);
  store.append([{ id: 'stop', stream: 'service', type: 'ServiceStopped', data: { reason: 'x' } }]);
  const tables = openReadTables(store.connection);
  const live = runProjection(store, tables, tally, queueScheduler);
  live.stop();
  tables.drop();
  assert.is(tables.checkpoint('tally'), undefined);
  const rebuilt = runProjection(store, tables, tally, queueScheduler);
  assert.equal(rebuilt.state(), live.state());
  assert.not.ok(rebuilt.state().byStream.has('ServiceStarted'));
  rebuilt.stop();
  const restored = runProjection(store, tables, tally, queueScheduler);
  assert.equal(restored.state(), live.state());
  restored.stop();
  store.close();
});

test('changes are published per committed batch', () => {
  const { store } = freshStore();
  const view = runProjection(store, openReadTables(store.connection), tally, queueScheduler);
  const seen: number[] = [];
  const subscription = view.changes$.subscribe((state) => seen.push(state.byType.ServiceStarted ?? 0));
  store.append([started(1), started(2)]);
  view.flush();
  assert.equal(seen, [0, 1, 2]);
  subscription.unsubscribe();
  view.stop();
  store.close();
});

test.run();
