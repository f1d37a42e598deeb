import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AsyncEventStore,
  type EventCodec,
  type NewEvent,
  type StoredEvent,
  StoreUnavailableError,
  StreamVersionConflictError,
  type Upcaster,
} from '../src/index.ts';
import { type Dialect, dialects, orderEvent } from './contract/dialects.ts';

async function rejection<T>(work: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await work;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);

function contract(dialect: Dialect) {
  const it = suite(`event store contract on ${dialect.name}`);

  it('given an empty log, when a batch is appended, then positions and stream versions are assigned in order', async () => {
    const { store, done } = await dialect.open();
    const result = await store.append([
      orderEvent('e1', 'order-1'),
      orderEvent('e2', 'order-2'),
      { ...orderEvent('e3', 'order-1'), metadata: { correlationId: 'c-1', source: 'wix' }, schemaVersion: 2 },
    ]);
    assert.equal(
      result.appended.map((event) => [event.position, event.stream, event.streamVersion]),
      [
        [1, 'order-1', 1],
        [2, 'order-2', 1],
        [3, 'order-1', 2],
      ],
    );
    assert.is(result.lastPosition, 3);
    assert.equal(result.duplicates, []);
    assert.equal(result.appended[2]?.metadata, { correlationId: 'c-1', source: 'wix' });
    assert.is(result.appended[2]?.schemaVersion, 2);
    assert.is(result.appended[0]?.recordedAt, '2025-03-07T18:00:01.000Z');
    assert.match(result.appended[0]?.hash ?? '', /^[0-9a-f]{64}$/);
    assert.is(await store.lastPosition(), 3);
    await done();
  });

  it('given appended events, when read back, then they equal what was appended, filters included', async () => {
    const { store, done } = await dialect.open();
    const first = await store.append([
      orderEvent('e1', 'order-1', 'OrderReceived', { order: { id: '1', lines: [{ name: 'Pho', qty: 2 }] } }),
      { id: 'e2', stream: 'printer-a', type: 'PrinterStatusChanged', data: undefined },
    ]);
    await store.append([orderEvent('e3', 'order-2', 'OrderReceived')]);
    await store.append([orderEvent('e4', 'order-1', 'OrderCanceled')]);
    assert.equal((await store.read({ limit: 2 })).slice(0, 2), first.appended);
    assert.is((await store.read())[1]?.data, null);
    assert.equal(ids(await store.read({ after: 2 })), ['e3', 'e4']);
    assert.equal(ids(await store.read({ streams: ['order-1', 'order-2'] })), ['e1', 'e3', 'e4']);
    assert.equal(ids(await store.read({ types: ['OrderReceived'] })), ['e1', 'e3']);
    assert.equal(ids(await store.read({ types: [] })), []);
    assert.equal(ids(await store.read({ streams: [] })), []);
    assert.equal(
      ids(await store.read({ from: '2025-03-07T18:00:02.000Z', to: '2025-03-07T18:00:03.000Z' })),
      ['e3'],
    );
    assert.equal(
      (await store.readStream('order-1')).map((event) => [event.id, event.streamVersion]),
      [
        ['e1', 1],
        ['e4', 2],
      ],
    );
    await done();
  });

  it('given an empty log, then its last position is 0 and an empty batch writes nothing', async () => {
    const { store, done } = await dialect.open();
    assert.is(await store.lastPosition(), 0);
    assert.equal(await store.append([]), { appended: [], duplicates: [], lastPosition: 0 });
    await done();
  });

  it('given stored events, when ids are appended again (alone, mixed, twice in a batch), then each is stored once', async () => {
    const { store, done } = await dialect.open();
    await store.append([orderEvent('webhook:a', 'webhook-a'), orderEvent('order-received:1')], {
      expectedVersion: { 'order-1': 0 },
    });
    assert.equal(await store.append([orderEvent('order-received:1')]), {
      appended: [],
      duplicates: ['order-received:1'],
      lastPosition: 2,
    });
    const mixed = await store.append([
      orderEvent('webhook:b', 'webhook-b'),
      orderEvent('order-received:1'),
      orderEvent('order-approved:1'),
      orderEvent('order-approved:1'),
    ]);
    assert.equal(
      mixed.appended.map((event) => [event.id, event.position, event.streamVersion]),
      [
        ['webhook:b', 3, 1],
        ['order-approved:1', 4, 2],
      ],
    );
    assert.equal(mixed.duplicates, ['order-received:1', 'order-approved:1']);
    const retry = await store.append([orderEvent('webhook:a', 'webhook-a')], { expectedVersion: 0 });
    assert.equal(retry.duplicates, ['webhook:a']);
    assert.is((await store.read()).length, 4);
    await done();
  });

  it('given a stream at version 1, when appended expecting another version, then the conflict names it and nothing is written', async () => {
    const { store, done } = await dialect.open();
    await store.append([orderEvent('e1')]);
    const conflict = await rejection(
      store.append([orderEvent('e2'), orderEvent('e3')], { expectedVersion: 0 }),
      StreamVersionConflictError,
    );
    assert.equal([conflict.stream, conflict.expected, conflict.actual], ['order-1', 0, 1]);
    const other = await rejection(
      store.append([orderEvent('e4', 'order-1'), orderEvent('e5', 'printer-a')], {
        expectedVersion: { 'order-1': 1, 'printer-a': 3 },
      }),
      StreamVersionConflictError,
    );
    assert.equal([other.stream, other.expected, other.actual], ['printer-a', 3, 0]);
    await rejection(
      store.append([orderEvent('e6', 'order-1'), orderEvent('e7', 'order-2')], { expectedVersion: 0 }),
      RangeError,
    );
    assert.is(await store.lastPosition(), 1);
    const accepted = await store.append([orderEvent('e8')], { expectedVersion: 1 });
    assert.equal(
      accepted.appended.map((event) => [event.position, event.streamVersion]),
      [[2, 2]],
    );
    await done();
  });

  it('given stored events, when anyone updates, deletes or truncates them through a connection, then the database refuses', async () => {
    const { store, raw, done } = await dialect.open();
    await store.append([orderEvent('e1')]);
    await rejection(raw("UPDATE events SET data = '{}' WHERE position = 1"), Error).then((error) =>
      assert.match(error.message, /events are append-only/),
    );
    await rejection(raw('DELETE FROM events'), Error).then((error) =>
      assert.match(error.message, /events are append-only/),
    );
    assert.equal((await store.read())[0]?.data, { id: 'e1' });
    await done();
  });

  it('given an untouched log, when verified, then the chain holds; when a row is edited or removed, then its position is named', async () => {
    const { store, tamper, done } = await dialect.open();
    assert.equal(await store.verify(), { ok: true, checked: 0 });
    await store.append(
      Array.from({ length: 12 }, (_, index) => orderEvent(`e${index + 1}`, `order-${index % 3}`)),
    );
    assert.equal(await store.verify(), { ok: true, checked: 12 });
    await tamper(`UPDATE events SET data = '{"id":"e7","total":0}' WHERE position = 7`);
    assert.equal(await store.verify(), { ok: false, brokenAt: 7, reason: 'hash does not match the chain' });
    await done();
    const again = await dialect.open();
    await again.store.append(Array.from({ length: 6 }, (_, index) => orderEvent(`e${index + 1}`)));
    await again.tamper('DELETE FROM events WHERE position = 4');
    assert.equal(await again.store.verify(), {
      ok: false,
      brokenAt: 5,
      reason: 'hash does not match the chain',
    });
    await again.done();
  });

  it('given a log longer than a verify page, when verified, then the chain is followed across pages', async () => {
    const { store, done } = await dialect.open();
    await store.append(Array.from({ length: 5003 }, (_, index) => orderEvent(`e${index}`, 'order-big')));
    assert.equal(await store.verify(), { ok: true, checked: 5003 });
    await done();
  });

  it('given events written at old schema versions, when read with upcasters, then they are lifted and the chain still holds', async () => {
    const orderPlaced: Upcaster = (data, fromVersion) =>
      fromVersion === 1
        ? { data: { customer: (data as { name: string }).name }, schemaVersion: 2 }
        : { data, schemaVersion: fromVersion };
    const { store, reopen, done } = await dialect.open();
    await store.append([
      { id: 'e1', stream: 'order-1', type: 'OrderPlaced', data: { name: 'Ada' } },
      { id: 'e2', stream: 'order-2', type: 'OrderPlaced', data: { customer: 'Alan' }, schemaVersion: 2 },
    ]);
    const upcasting = await reopen({ upcasters: { OrderPlaced: orderPlaced } });
    assert.equal(
      (await upcasting.read()).map((event) => [event.schemaVersion, event.data]),
      [
        [2, { customer: 'Ada' }],
        [2, { customer: 'Alan' }],
      ],
    );
    assert.equal(await upcasting.verify(), { ok: true, checked: 2 });
    await done();
  });

  it('given a codec, when events are appended and read, then the log holds the encoded form and callers the decoded', async () => {
    const flip = (text: string) => [...text].reverse().join('');
    const codec: EventCodec = {
      encode: (event: NewEvent) => {
        if (event.id === 'boom') throw new Error('no key');
        return { ...event, data: { stored: flip((event.data as { secret: string }).secret) } };
      },
      decode: (event: StoredEvent) => ({
        ...event,
        data: { secret: flip((event.data as { stored: string }).stored) },
      }),
    };
    const { store, reopen, done } = await dialect.open({ codec });
    const result = await store.append([orderEvent('e1', 'order-1', 'OrderReceived', { secret: 'Maria' })]);
    assert.equal(result.appended[0]?.data, { secret: 'Maria' });
    assert.equal((await store.read())[0]?.data, { secret: 'Maria' });
    const plain = await reopen();
    assert.equal((await plain.read())[0]?.data, { stored: 'airaM' });
    assert.equal(await store.verify(), { ok: true, checked: 1 });
    await rejection(
      store.append([
        orderEvent('e2', 'order-2', 'OrderReceived', { secret: 'Ada' }),
        orderEvent('boom', 'order-3', 'OrderReceived', { secret: '' }),
      ]),
      Error,
    );
    assert.is(await store.lastPosition(), 1);
    await done();
  });

  it('given a closed store, when used, then every call fails with StoreUnavailableError', async () => {
    const log = await dialect.open();
    const store: AsyncEventStore = log.store;
    await store.close();
    await rejection(store.append([orderEvent('e1')]), StoreUnavailableError);
    await rejection(store.read(), StoreUnavailableError);
    await rejection(store.lastPosition(), StoreUnavailableError);
    await store.close();
    await log.done();
  });

  return it;
}

for (const dialect of dialects) contract(dialect).run();
