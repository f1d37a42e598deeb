import { readFileSync } from 'node:fs';
import { firstValueFrom, take, toArray } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventCodec, NewEvent, StoredEvent, Upcaster } from '../src/index.ts';
import { openEventStore } from '../src/index.ts';
import { orderEvent, steppingClock, tempStore } from './support/temp-store.ts';

/** Reverses a `secret` string on the way in and back on the way out: visible in the file, easy to spot. */
function reversing(): EventCodec & { encoded: string[] } {
  const flip = (text: string) => [...text].reverse().join('');
  const encoded: string[] = [];
  return {
    encoded,
    encode(event: NewEvent): NewEvent {
      encoded.push(event.id);
      const data = event.data as { secret?: string };
      if (data.secret === undefined) return event;
      return { ...event, data: { ...data, secret: undefined, stored: flip(data.secret) } };
    },
    decode(event: StoredEvent): StoredEvent {
      const data = event.data as { stored?: string };
      if (data.stored === undefined) return event;
      return { ...event, data: { secret: flip(data.stored) } };
    },
  };
}

const secretEvent = (id: string, secret: string) =>
  orderEvent(id, `order-${id}`, 'OrderReceived', { secret });

test('given a codec, when events are appended, then the file holds the encoded form and the hash chain covers it', () => {
  const codec = reversing();
  const { store, file, done } = tempStore({ codec });
  store.append([secretEvent('e1', 'Maria Schmidt')]);
  const raw = readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`).toString('latin1');
  assert.not.ok(raw.includes('Maria Schmidt'));
  assert.ok(raw.includes('tdimhcS airaM'));
  assert.equal(store.verify(), { ok: true, checked: 1 });
  done();
});

test('given a codec, when read through every path, then callers see the decoded event', async () => {
  const codec = reversing();
  const { store, done } = tempStore({ codec });
  const result = store.append([secretEvent('e1', 'Maria Schmidt'), secretEvent('e2', 'Jonas Fahrer')]);
  const secrets = (events: readonly StoredEvent[]) =>
    events.map((event) => (event.data as { secret: string }).secret);
  assert.equal(secrets(result.appended), ['Maria Schmidt', 'Jonas Fahrer']);
  assert.equal(secrets(store.read()), ['Maria Schmidt', 'Jonas Fahrer']);
  assert.equal(secrets(store.readStream('order-e2')), ['Jonas Fahrer']);
  const live = await firstValueFrom(store.live().pipe(take(2), toArray()));
  assert.equal(secrets(live), ['Maria Schmidt', 'Jonas Fahrer']);
  done();
});

test('given a duplicate in the batch, when appended, then only fresh events are encoded', () => {
  const codec = reversing();
  const { store, done } = tempStore({ codec });
  store.append([secretEvent('e1', 'Ada')]);
  codec.encoded.length = 0;
  store.append([secretEvent('e1', 'Ada'), secretEvent('e2', 'Grace')]);
  assert.equal(codec.encoded, ['e2']);
  done();
});

test('given a codec and an upcaster, when read, then the upcaster sees the decoded data', () => {
  const codec = reversing();
  const upcaster: Upcaster = (data, fromVersion) =>
    fromVersion === 1
      ? { data: { guest: (data as { secret: string }).secret }, schemaVersion: 2 }
      : { data, schemaVersion: fromVersion };
  const { store, file, done } = tempStore({ codec });
  store.append([secretEvent('e1', 'Ada')]);
  store.close();
  const reader = openEventStore({
    file,
    clock: steppingClock(),
    codec,
    upcasters: { OrderReceived: upcaster },
  });
  assert.equal(reader.read()[0]?.data, { guest: 'Ada' });
  assert.equal(reader.read()[0]?.schemaVersion, 2);
  reader.close();
  done();
});

test('given a codec that throws while encoding, when appended, then nothing of the batch is written', () => {
  const { store, done } = tempStore({
    codec: {
      encode: (event) => {
        if (event.id === 'e2') throw new Error('no key');
        return event;
      },
      decode: (event) => event,
    },
  });
  assert.throws(() => store.append([secretEvent('e1', 'Ada'), secretEvent('e2', 'Grace')]), /no key/);
  assert.equal(store.read(), []);
  done();
});

test.run();
