import type { Observable } from 'rxjs';
import type { StoredEvent } from '../../src/index.ts';

/** Lets pending setImmediate work (live catch-up pages) run; a turn of the loop, not a timed sleep. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits until `condition` holds, turning the event loop; gives up after `turns` turns. */
export async function until(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) return;
    await nextTurn();
  }
  throw new Error('condition not reached');
}

/** Subscribes and records positions, completion and errors for assertions. */
export function collect(events: Observable<StoredEvent>) {
  const seen = { positions: [] as number[], completed: false, error: undefined as unknown };
  const subscription = events.subscribe({
    next: (event) => seen.positions.push(event.position),
    complete: () => {
      seen.completed = true;
    },
    error: (error: unknown) => {
      seen.error = error;
    },
  });
  return { seen, subscription };
}

/** 1..n after `after`, the exact sequence a subscriber must see. */
export const positionsBetween = (after: number, last: number) =>
  Array.from({ length: Math.max(0, last - after) }, (_, index) => after + index + 1);
