import type { EventStore, NewEvent } from '@bonrelay/event-store';

export interface GroupAppendResult {
  /** How many of this request's events were new (0 = a redelivery). */
  readonly appended: number;
}

/**
 * Group commit: webhooks that arrive while a commit is being prepared share one transaction, so
 * fifty concurrent deliveries cost one disk flush instead of fifty. Each request still learns
 * whether its own events were new; a failure (a full disk) fails every request of the group, and
 * none of them is answered 2xx before the group is durable.
 */
export function createAppendGroup(
  store: EventStore,
): (events: readonly NewEvent[]) => Promise<GroupAppendResult> {
  let pending: {
    events: readonly NewEvent[];
    resolve: (r: GroupAppendResult) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const commit = () => {
    const group = pending;
    pending = [];
    try {
      const result = store.append(group.flatMap((request) => request.events));
      const fresh = new Set(result.appended.map((event) => event.id));
      for (const request of group) {
        request.resolve({ appended: request.events.filter((event) => fresh.has(event.id)).length });
      }
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  };
  return (events) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(commit);
      pending.push({ events, resolve, reject });
    });
}
