import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'uvu';
import { PersistentMap } from '../src/index.ts';

const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 6 }), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 6 }) }),
);

test('behaves like a Map under any sequence of sets and deletes, and never changes an older version', () => {
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
      const model = new Map<string, number>();
      let map = PersistentMap.empty<number>();
      const versions: [PersistentMap<number>, Map<string, number>][] = [];
      for (const op of operations) {
        if (op.kind === 'set') {
          model.set(op.key, op.value);
          map = map.set(op.key, op.value);
        } else {
          model.delete(op.key);
          map = map.delete(op.key);
        }
        versions.push([map, new Map(model)]);
      }
      for (const [version, expected] of versions) {
        assert.equal(version.size, expected.size);
        assert.deepEqual(new Map(version), expected);
        for (const key of expected.keys()) assert.equal(version.get(key), expected.get(key));
      }
    }),
  );
});

test('an update shares every bucket it did not touch, and a no-op returns the same map', () => {
  const before = PersistentMap.of([
    ['a', 1],
    ['b', 2],
  ]);
  const after = before.set('a', 5);
  const changed = after.groups.filter((group, index) => group !== before.groups[index]);
  assert.equal(changed.length, 1);
  const changedGroup = changed[0]!;
  const original = before.groups[after.groups.indexOf(changedGroup)]!;
  assert.equal(changedGroup.filter((shelf, index) => shelf !== original[index]).length, 1);
  assert.equal(after.set('a', 5), after);
  assert.equal(after.delete('zz'), after);
});

test('stored as plain data and revived, it is the same map with its methods back', () => {
  const map = PersistentMap.of([
    ['order-1/kitchen', { state: 'queued' }],
    ['order-2/kitchen', { state: 'printed' }],
  ]);
  const revived = PersistentMap.revive<{ state: string }>(JSON.parse(JSON.stringify(map)));
  assert.equal(revived.get('order-2/kitchen')?.state, 'printed');
  assert.equal(revived.size, 2);
  assert.deepEqual([...revived.keys()].sort(), ['order-1/kitchen', 'order-2/kitchen']);
  assert.equal(PersistentMap.revive(map), map);
  assert.equal(PersistentMap.revive({ nonsense: true }).size, 0);
  let seen = 0;
  revived.forEach(() => {
    seen++;
  });
  assert.equal(seen, 2);
  assert.ok(revived.has('order-1/kitchen'));
});

test.run();
