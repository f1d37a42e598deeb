/**
 * Specifications over any reducer, read as given (history) / when (new facts) / then (view):
 *
 *   const { given } = specify(reduceOrders, initialOrders);
 *   given(received).when(printed).then((view) => assert.is(...));
 *
 * Every state and event is deep-frozen on the way in, so a reducer that mutates fails loudly.
 */
export type Reducer<S, E> = (state: S, event: E) => S;

export interface Outcome<S> {
  /** Checks the state after the `when` events; `before` is the state after `given`. Returns the state. */
  then(check: (state: S, before: S) => void): S;
}

export interface Given<S, E> extends Outcome<S> {
  when(...events: readonly E[]): Outcome<S>;
}

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Folds events into a state, freezing every step. */
export function foldEvents<S, E>(reducer: Reducer<S, E>, initial: S, events: readonly E[]): S {
  let state = deepFreeze(initial);
  for (const event of events) state = deepFreeze(reducer(state, deepFreeze(event)));
  return state;
}

/** Binds `given` to a reducer and its initial state. */
export function specify<S, E>(
  reducer: Reducer<S, E>,
  initial: S,
): { given: (...history: readonly E[]) => Given<S, E> } {
  return {
    given: (...history) => {
      const before = foldEvents(reducer, initial, history);
      const outcome = (after: S): Outcome<S> => ({
        // biome-ignore lint/suspicious/noThenProperty: given / when / then is how our specifications read; nobody awaits it
        then(check) {
          check(after, before);
          return after;
        },
      });
      return {
        ...outcome(before),
        when: (...events) => outcome(foldEvents(reducer, before, events)),
      };
    },
  };
}
