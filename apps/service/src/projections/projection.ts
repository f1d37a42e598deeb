import type { AnyDomainEvent } from '@bonrelay/domain';

/**
 * A view of the log: a pure reducer with a version. Bumping `version` tells the runner the stored
 * rows were built by older code, so it drops them and replays the log at start.
 */
export interface Projection<State> {
  readonly name: string;
  readonly version: number;
  readonly initial: State;
  readonly reduce: (state: State, event: AnyDomainEvent) => State;
  /** Gives restored plain data back its shape (e.g. a map's methods) after it was read from rows. */
  readonly revive?: (restored: State) => State;
}
