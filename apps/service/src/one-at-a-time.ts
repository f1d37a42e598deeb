/** A queue of inputs handled strictly one after another. */
export interface Turns<T> {
  /** Handles `input` now, or after those already waiting if a turn is under way. */
  take(input: T): void;
  /** Like `take`, but ahead of everything waiting (an append's answer before what came meanwhile). */
  takeFirst(input: T): void;
  /** How many inputs wait for their turn. */
  waiting(): number;
  clear(): void;
}

/**
 * The one re-entrancy guard: an input that arrives while another is handled (an append echoed
 * back synchronously, a view that moves because of what the handler wrote) waits its turn, so a
 * pure decide function never runs inside itself. A throw from `handle` goes to `onError` and drops
 * what waited: the caller restarts from the log, not from a half-handled queue.
 */
export function oneAtATime<T>(handle: (input: T) => void, onError: (error: unknown) => void): Turns<T> {
  const inbox: T[] = [];
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    try {
      // By count, not by value: `undefined` is a fine input (a bare "look again").
      while (inbox.length > 0) handle(inbox.shift() as T);
    } catch (error) {
      inbox.length = 0;
      onError(error);
    } finally {
      busy = false;
    }
  };
  return {
    take: (input) => {
      inbox.push(input);
      run();
    },
    takeFirst: (input) => {
      inbox.unshift(input);
      run();
    },
    waiting: () => inbox.length,
    clear: () => {
      inbox.length = 0;
    },
  };
}
