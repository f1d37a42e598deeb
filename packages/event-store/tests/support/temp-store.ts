import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type EventStoreOptions, type NewEvent, openEventStore } from '../../src/index.ts';

/** A fresh directory per test, removed afterwards. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'bonrelay-event-store-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A clock that ticks one second per reading, so recordedAt values are distinct and predictable. */
export function steppingClock(start = '2025-03-07T18:00:00.000Z'): () => Date {
  let now = Date.parse(start);
  return () => {
    const at = new Date(now);
    now += 1000;
    return at;
  };
}

/** A store on a real file in a temp dir; `done()` closes it and removes the dir. */
export function tempStore(options: Partial<EventStoreOptions> = {}): {
  store: EventStore;
  file: string;
  dir: string;
  done: () => void;
} {
  const dir = tempDir();
  const file = join(dir.path, 'log.db');
  const store = openEventStore({ file, clock: steppingClock(), ...options });
  return {
    store,
    file,
    dir: dir.path,
    done: () => {
      store.close();
      dir.remove();
    },
  };
}

/** An order-ish event with just enough to tell events apart. */
export function orderEvent(
  id: string,
  stream = 'order-1',
  type = 'OrderReceived',
  data: unknown = { id },
): NewEvent {
  return { id, stream, type, data };
}
