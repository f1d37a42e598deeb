import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreUnavailableError } from '../src/index.ts';
import { collect, positionsBetween, until } from './support/collect.ts';
import { orderEvent, tempStore } from './support/temp-store.ts';

test('given stored events, when a subscriber tails after a position, then it gets the rest and then new appends', async () => {
  const { store, done } = tempStore();
  store.append([orderEvent('e1'), orderEvent('e2'), orderEvent('e3')]);
  const { seen, subscription } = collect(store.live(1));
  await until(() => seen.positions.length === 2);
  store.append([orderEvent('e4')]);
  assert.equal(seen.positions, [2, 3, 4]);
  subscription.unsubscribe();
  store.append([orderEvent('e5')]);
  assert.equal(seen.positions, [2, 3, 4]);
  done();
});

test('given a long log, when appends arrive while a subscriber is still paging, then it sees each once in order', async () => {
  const { store, done } = tempStore({ livePageSize: 10 });
  store.append(Array.from({ length: 95 }, (_, index) => orderEvent(`e${index}`)));
  const { seen } = collect(store.live());
  for (let index = 95; index < 120; index += 1) {
    store.append([orderEvent(`e${index}`)]);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await until(() => seen.positions.length >= 120);
  assert.equal(seen.positions, positionsBetween(0, 120));
  done();
});

test('given a subscriber that appends while handling an event, then every subscriber still sees positions in order', async () => {
  const { store, done } = tempStore();
  const order: number[] = [];
  const reacting = store.live().subscribe((event) => {
    if (event.type === 'OrderReceived')
      store.append([orderEvent(`ticket-${event.id}`, 'print-job-1', 'PrintJobQueued')]);
  });
  const { seen } = collect(store.live());
  store.live().subscribe((event) => order.push(event.position));
  store.append([orderEvent('o1'), orderEvent('o2')]);
  await until(() => seen.positions.length === 4);
  assert.equal(seen.positions, [1, 2, 3, 4]);
  assert.equal(order, [1, 2, 3, 4]);
  reacting.unsubscribe();
  done();
});

test('given live subscribers, when the store closes, then they complete', () => {
  const { store, done } = tempStore();
  const { seen } = collect(store.live());
  done();
  assert.ok(seen.completed);
});

test('given a closed store, when someone subscribes, then the subscription errors with StoreUnavailableError', () => {
  const { store, done } = tempStore();
  store.close();
  const { seen } = collect(store.live());
  assert.ok(seen.error instanceof StoreUnavailableError);
  done();
});

type Step =
  | { kind: 'append'; size: number; stream: number }
  | { kind: 'subscribe'; back: number; echo: boolean }
  | { kind: 'turn' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('append' as const),
    size: fc.integer({ min: 0, max: 4 }),
    stream: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('subscribe' as const), back: fc.nat(12), echo: fc.boolean() }),
  fc.record({ kind: fc.constant('turn' as const) }),
);

test('property: for any interleaving of appends and subscriptions, each subscriber sees exactly after+1..last in order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
      const { store, done } = tempStore({ livePageSize: 3 });
      const subscribers: { after: number; seen: { positions: number[] } }[] = [];
      let next = 0;
      const append = (size: number, stream: number) =>
        store.append(Array.from({ length: size }, () => orderEvent(`e${next++}`, `order-${stream}`)));
      try {
        for (const action of steps) {
          if (action.kind === 'append') append(action.size, action.stream);
          else if (action.kind === 'turn') await new Promise<void>((resolve) => setImmediate(resolve));
          else {
            const after = Math.max(0, store.lastPosition() - action.back);
            const seen = { positions: [] as number[] };
            store.live(after).subscribe((event) => {
              seen.positions.push(event.position);
              // A reacting subscriber (like the saga) appends from inside its own delivery.
              if (action.echo && event.position % 5 === 0) {
                store.append([orderEvent(`echo-${event.position}`, 'echo')]);
              }
            });
            subscribers.push({ after, seen });
          }
        }
        append(1, 0);
        const last = () => store.lastPosition();
        await until(() => subscribers.every(({ seen }) => seen.positions.at(-1) === last()));
        for (const { after, seen } of subscribers)
          assert.equal(seen.positions, positionsBetween(after, last()));
      } finally {
        done();
      }
    }),
    { numRuns: 60 },
  );
});

test.run();
