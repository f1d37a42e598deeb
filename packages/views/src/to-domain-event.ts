import type { AnyDomainEvent } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';

/** What the store emits, seen as the domain event it records. */
export function toDomainEvent(event: StoredEvent): AnyDomainEvent {
  return {
    type: event.type,
    data: event.data,
    position: event.position,
    recordedAt: event.recordedAt,
    streamVersion: event.streamVersion,
  } as AnyDomainEvent;
}
