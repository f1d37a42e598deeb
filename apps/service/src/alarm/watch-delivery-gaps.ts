import type { EventDataByType } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { BehaviorSubject, filter, type Observable } from 'rxjs';

type Gap = EventDataByType['WebhookDeliveryGap'];

/** The open webhook delivery gap, if any, current with every append. */
export interface DeliveryGaps {
  /** The gap last detected and not restored since, or undefined. */
  readonly open$: Observable<Gap | undefined>;
  current(): Gap | undefined;
  stop(): void;
}

const gapTypes = ['WebhookDeliveryGap', 'WebhookDeliveryRestored'];

/**
 * Follows the catch-up's gap events: the last one decides whether a gap is open. Only those two
 * types are read at start, so it costs nothing on a log without them.
 */
export function watchDeliveryGaps(store: Pick<EventStore, 'read' | 'live' | 'lastPosition'>): DeliveryGaps {
  const until = store.lastPosition();
  const openOf = (event: { type: string; data: unknown } | undefined) =>
    event?.type === 'WebhookDeliveryGap' ? (event.data as Gap) : undefined;
  const last = store
    .read({ types: gapTypes })
    .filter((event) => event.position <= until)
    .at(-1);
  const open$ = new BehaviorSubject<Gap | undefined>(openOf(last));
  const subscription = store
    .live(until)
    .pipe(filter((event) => gapTypes.includes(event.type)))
    .subscribe((event) => open$.next(openOf(event)));
  return {
    open$: open$.asObservable(),
    current: () => open$.value,
    stop: () => {
      subscription.unsubscribe();
      open$.complete();
    },
  };
}
