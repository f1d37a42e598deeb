import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openEventStore } from '../src/index.ts';
import { bundleWriter, startWriter, type Writer } from './support/crash-writer.ts';
import { tempDir } from './support/temp-store.ts';

const kills = 22;

/** A seeded generator, so a failing run can be replayed from the printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('given a writer SIGKILLed at random moments, then every acknowledged event is stored exactly once and the file is sound', async () => {
  const seed = Number(process.env.CRASH_SEED ?? Date.now());
  const next = random(seed);
  const dir = tempDir();
  const file = join(dir.path, 'log.db');
  const script = await bundleWriter(dir.path);
  const acknowledged = new Map<string, number>();
  const pool: Writer[] = [startWriter(script, file, 0), startWriter(script, file, 1)];
  try {
    for (let run = 0; run < kills; run += 1) {
      const writer = pool.shift()!;
      pool.push(startWriter(script, file, run + 2));
      await writer.waitFor(() => writer.state.warm || writer.state.exited);
      writer.child.stdin?.write('go\n');
      const target = Math.floor(next() * 40);
      await writer.waitFor(() => writer.acknowledged.size >= target || writer.state.exited);
      writer.child.kill('SIGKILL');
      await writer.waitFor(() => writer.state.exited);
      for (const [id, position] of writer.acknowledged) acknowledged.set(id, position);
    }
  } finally {
    for (const writer of pool) writer.child.kill('SIGKILL');
  }

  const store = openEventStore({ file });
  const stored = store.read();
  const byId = new Map(stored.map((event) => [event.id, event.position]));
  assert.is(byId.size, stored.length, 'no event id stored twice');
  for (const [id, position] of acknowledged) {
    assert.is(byId.get(id), position, `acknowledged ${id} at ${position} (CRASH_SEED=${seed})`);
  }
  assert.ok(acknowledged.size > kills, `acknowledged ${acknowledged.size} events`);
  assert.is(store.connection.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(store.verify(), { ok: true, checked: stored.length });
  store.close();
  await Promise.all(pool.map((writer) => writer.waitFor(() => writer.state.exited)));
  dir.remove();
});

test.run();
