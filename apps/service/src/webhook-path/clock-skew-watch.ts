import { type EventDataByType, eventToAppend, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { BehaviorSubject, type Observable } from 'rxjs';

type Skew = EventDataByType['ClockSkew'];
type Source = Skew['source'];

/** How far our clock is from Wix's, as last measured, and whether that is beyond the alert threshold. */
export interface ClockState {
  /** Wix's time minus ours: positive when our clock is behind. Absent until first measured. */
  readonly offsetMs?: number;
  readonly source?: Source;
  readonly measuredAt?: string;
  readonly skewed: boolean;
}

export interface ClockSkewWatchOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  /** Beyond this (either way) the offset is recorded as `ClockSkew` and alerted. */
  readonly alertMs: number;
}

export interface ClockSkewWatch {
  /** Wix said it is `wixTime` just now (a `Date` header, a webhook's `iat`). */
  measure(wixTime: Date, source: Source): void;
  /** Our clock corrected by the last offset: what catch-up uses as Wix's now. */
  wixNow(): Date;
  state(): ClockState;
  readonly changes$: Observable<ClockState>;
}

function lastRecorded(store: EventStore): Skew | undefined {
  let last: Skew | undefined;
  for (const event of store.readStream(streams.clock)) last = event.data as Skew;
  return last;
}

/**
 * Keeps our clock honest against Wix's: a Raspberry Pi without a battery boots with the time it had
 * at shutdown, and would print wrong times and business days. Every answer from Wix is a
 * measurement; only crossing the threshold (either way) or a further jump beyond it is recorded, so
 * a skewed clock is one event, not one per webhook.
 */
export function watchClockSkew(options: ClockSkewWatchOptions): ClockSkewWatch {
  const { store, clock, alertMs } = options;
  let recorded = lastRecorded(store);
  const beyond = (offsetMs: number) => Math.abs(offsetMs) > alertMs;
  const initial: ClockState = recorded
    ? { ...recorded, skewed: beyond(recorded.offsetMs) }
    : { skewed: false };
  const changes$ = new BehaviorSubject<ClockState>(initial);
  let latest = initial;
  let offsetMs = 0;

  return {
    changes$: changes$.asObservable(),
    state: () => latest,
    wixNow: () => new Date(clock().getTime() + offsetMs),
    measure(wixTime, source) {
      const now = clock();
      offsetMs = wixTime.getTime() - now.getTime();
      const skewed = beyond(offsetMs);
      const was = recorded === undefined ? false : beyond(recorded.offsetMs);
      const jumped = skewed && recorded !== undefined && Math.abs(offsetMs - recorded.offsetMs) > alertMs;
      latest = { offsetMs, source, measuredAt: now.toISOString(), skewed };
      if (skewed !== was || jumped) {
        const data: Skew = { offsetMs, source, measuredAt: now.toISOString() };
        store.append([eventToAppend('ClockSkew', streams.clock, `clock-skew:${data.measuredAt}`, data)]);
        recorded = data;
      }
      if (changes$.value.skewed !== skewed || skewed !== was || jumped) changes$.next(latest);
    },
  };
}
