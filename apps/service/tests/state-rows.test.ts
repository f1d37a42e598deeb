import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { changedRows, type StateRow, stateFromRows } from '../src/projections/state-rows.ts';

// Keys a reducer may meet: entity ids with slashes (`test/<uuid>` jobs), percent signs, unicode, empty.
const key = fc.oneof(
  fc.constantFrom('', '/', '%', '%2F', 'a/b', 'order/1', '100%', '..', 'ü', 'test/x%y', '0', '17'),
  fc.string({ maxLength: 6 }),
);
const leaf = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);

// Containers both below and above the split threshold (16), nested a few levels deep.
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(key, tie('value'), { maxKeys: 24, noNullPrototype: true }),
    fc.array(tie('value'), { maxLength: 24 }),
    fc
      .uniqueArray(fc.tuple(key, tie('value')), { maxLength: 24, selector: ([k]) => k })
      .map((entries) => new Map(entries)),
  ),
}));
// A view's state is a record of named fields (the root row has the empty path, so no field is '').
const state = fc.dictionary(
  key.filter((name) => name !== ''),
  value,
  { maxKeys: 20, noNullPrototype: true },
);

/** Mirrors the read table: a delete takes the path and every row below it, then the upserts land. */
function apply(rows: Map<string, string>, previous: unknown, next: unknown): void {
  const { upserts, deletes } = changedRows(previous, next);
  for (const path of deletes) {
    for (const stored of [...rows.keys()])
      if (stored === path || stored.startsWith(`${path}/`)) rows.delete(stored);
  }
  for (const row of upserts) rows.set(row.path, row.json);
}

function restore(rows: Map<string, string>): unknown {
  const list: StateRow[] = [...rows].map(([path, json]) => ({ path, json }));
  return stateFromRows({}, list);
}

/** Reducers keep untouched parts by reference; mimic that so the diff skips shared subtrees. */
function shareWith(previous: Record<string, unknown>, next: Record<string, unknown>, keep: boolean[]) {
  const shared: Record<string, unknown> = { ...next };
  Object.keys(previous).forEach((name, index) => {
    if (keep[index % Math.max(1, keep.length)] && name in shared) shared[name] = previous[name];
  });
  return shared;
}

test('given any sequence of states, when each step’s row changes are applied, then the rows restore the last state', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(state, fc.array(fc.boolean(), { maxLength: 8 })), { minLength: 1, maxLength: 5 }),
      (steps) => {
        const rows = new Map<string, string>();
        let previous: Record<string, unknown> | undefined;
        for (const [raw, keep] of steps) {
          const next = previous ? shareWith(previous, raw, keep) : raw;
          apply(rows, previous, next);
          assert.equal(restore(rows), next);
          previous = next;
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('given a large map whose entries change one at a time, then only the changed entry’s row is written', () => {
  const jobs = new Map(Array.from({ length: 40 }, (_, n) => [`job/${n}%`, { state: 'queued', n }]));
  const before = { jobs };
  const after = { jobs: new Map(jobs).set('job/7%', { state: 'printed', n: 7 }) };
  const { upserts, deletes } = changedRows(before, after);
  assert.equal(
    upserts.map((row) => row.path),
    ['jobs/job%2F7%25'],
  );
  assert.ok(deletes.every((path) => path === 'jobs/job%2F7%25'));
});

test('given a container shrinking below the split threshold, then its child rows go and one row holds it', () => {
  const rows = new Map<string, string>();
  const big = { list: Array.from({ length: 20 }, (_, n) => n) };
  const small = { list: [1, 2] };
  apply(rows, undefined, big);
  assert.ok(rows.size > 20);
  apply(rows, big, small);
  assert.equal([...rows.keys()].sort(), ['', 'list']);
  assert.equal(restore(rows), small);
});

test('given no rows, then the initial state is returned as it is', () => {
  const initial = { periods: [] };
  assert.is(stateFromRows(initial, []), initial);
});

test.run();
