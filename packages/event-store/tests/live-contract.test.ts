import { firstValueFrom, type Observable, take, toArray } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type StoredEvent, StoreUnavailableError } from '../src/index.ts';
import { type Dialect, dialects, orderEvent } from './contract/dialects.ts';
import { positionsBetween } from './support/collect.ts';

/** The first `count` positions a tail delivers, waiting on the tail itself (no timed sleep). */
const positions = (tail: Observable<StoredEvent>, count: number) =>
  firstValueFrom(tail.pipe(take(count), toArray())).then((events) => events.map((event) => event.position));

function contract(dialect: Dialect) {
  const it = suite(`live tail contract on ${dialect.name}`);

  it('given stored events, when a subscriber tails after a position, then it gets the rest and then new appends', async () => {
    const { store, done } = await dialect.open();
    await store.append([orderEvent('e1'), orderEvent('e2'), orderEvent('e3')]);
    const seen = positions(store.live(1), 3);
    await store.append([orderEvent('e4')]);
    assert.equal(await seen, [2, 3, 4]);
    await done();
  });

  it('given a long log, when appends arrive while a subscriber is still paging, then it sees each once in order', async () => {
    const { store, done } = await dialect.open({ livePageSize: 10 });
    await store.append(Array.from({ length: 95 }, (_, index) => orderEvent(`e${index}`)));
    const seen = positions(store.live(), 120);
    for (let index = 95; index < 120; index += 1) await store.append([orderEvent(`e${index}`)]);
    assert.equal(await seen, positionsBetween(0, 120));
    await done();
  });

  it('given a subscriber that appends while handling an event, then every subscriber still sees positions in order', async () => {
    const { store, done } = await dialect.open();
    const reacting = store.live().subscribe((event) => {
      if (event.type === 'OrderReceived')
        void store.append([orderEvent(`ticket-${event.id}`, 'print-job-1', 'PrintJobQueued')]);
    });
    const first = positions(store.live(), 4);
    const second = positions(store.live(), 4);
    await store.append([orderEvent('o1'), orderEvent('o2')]);
    assert.equal(await first, [1, 2, 3, 4]);
    assert.equal(await second, [1, 2, 3, 4]);
    reacting.unsubscribe();
    await done();
  });

  it('given live subscribers, when the store closes, then they complete; a later subscription fails', async () => {
    const { store, done } = await dialect.open();
    await store.append([orderEvent('e1')]);
    const state = { completed: false };
    await new Promise<void>((resolve) =>
      store.live().subscribe({
        next: () => resolve(),
        complete: () => {
          state.completed = true;
        },
      }),
    );
    await store.close();
    assert.ok(state.completed);
    const late = await firstValueFrom(store.live()).catch((error: unknown) => error);
    assert.ok(late instanceof StoreUnavailableError);
    await done();
  });

  return it;
}

for (const dialect of dialects) contract(dialect).run();
