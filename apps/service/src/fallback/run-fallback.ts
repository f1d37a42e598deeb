import { decideFallback, type EventType } from '@bonrelay/domain';
import { type EventStore, type StoredEvent, StreamVersionConflictError } from '@bonrelay/event-store';
import type { ConnectivityQueries, PrintJobQueries, ViewProjector } from '@bonrelay/views';
import { BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';

/** One printer and the printer its tickets go to while it is down (`routing.fallback`). */
export interface FallbackPair {
  readonly printer: string;
  readonly fallback: string;
}

export interface FallbackOptions {
  readonly pairs: readonly FallbackPair[];
  readonly store: Pick<EventStore, 'append' | 'read'>;
  readonly views: {
    readonly jobs: Pick<PrintJobQueries, 'waitingFor'>;
    readonly connectivity: Pick<ConnectivityQueries, 'printer'>;
    readonly tables: Pick<ViewProjector, 'committed$' | 'caughtUp'>;
  };
  readonly scheduler: SchedulerLike;
  readonly afterMs: number;
  readonly onError: (error: unknown) => void;
}

/** Where a printer's tickets go now, for the dashboard: `since` is when it failed over. */
export interface FallbackState {
  readonly printer: string;
  readonly fallback: string;
  readonly failedOver: boolean;
  readonly since?: string;
}

interface Known {
  readonly failedOver: boolean;
  readonly changes: number;
  readonly since?: string;
}

const fallbackEvents: EventType[] = ['PrinterFailedOver', 'PrinterFailedBack'];

/** Whether the log leaves the printer failed over, and how many changes it counts (the next id's number). */
function fromLog(store: FallbackOptions['store'], printer: string): Known {
  const changes = store
    .read({ streams: [`printer-${printer}`], types: fallbackEvents })
    .filter((event: StoredEvent) => (event.data as { printer?: string }).printer === printer);
  const last = changes.at(-1);
  return last?.type === 'PrinterFailedOver'
    ? { failedOver: true, changes: changes.length, since: last.recordedAt }
    : { failedOver: false, changes: changes.length };
}

/**
 * The imperative shell around `decideFallback`: after each commit of the tables, and when a down
 * printer's wait runs out, it asks the views about every printer that has a fallback and appends
 * what the core decided. Moving tickets is guarded by their stream versions, so a ticket a saga
 * started meanwhile stays where it is, and the next commit decides again.
 */
export function runFallback(options: FallbackOptions): {
  /** Every printer with a fallback and whether its tickets go there now; new values as it changes. */
  readonly states$: Observable<readonly FallbackState[]>;
  stop(): void;
} {
  const { store, views, scheduler } = options;
  const state = new Map<string, Known>(
    options.pairs.map((pair) => [pair.printer, fromLog(store, pair.printer)]),
  );
  const shown = () =>
    options.pairs.map((pair): FallbackState => {
      const known = state.get(pair.printer);
      return {
        ...pair,
        failedOver: known?.failedOver ?? false,
        ...(known?.since ? { since: known.since } : {}),
      };
    });
  const states$ = new BehaviorSubject<readonly FallbackState[]>(shown());
  const wakes = new Map<string, Subscription>();
  const subscriptions: Subscription[] = [];
  let stopped = false;

  function decide(pair: FallbackPair): void {
    const known = state.get(pair.printer) ?? { failedOver: false, changes: 0 };
    const printer = views.connectivity.printer(pair.printer);
    const decision = decideFallback({
      ...pair,
      status: printer?.status ?? 'unknown',
      ...(printer ? { since: printer.since } : {}),
      fallbackStatus: views.connectivity.printer(pair.fallback)?.status ?? 'unknown',
      failedOver: known.failedOver,
      changes: known.changes,
      waiting: views.jobs.waitingFor(pair.printer),
      now: new Date(scheduler.now()),
      afterMs: options.afterMs,
    });
    if (decision.wakeAt !== undefined) {
      wakes.get(pair.printer)?.unsubscribe();
      const delay = Math.max(0, Date.parse(decision.wakeAt) - scheduler.now());
      wakes.set(
        pair.printer,
        scheduler.schedule(() => evaluate(), delay),
      );
    }
    if (decision.events.length === 0) return;
    let recordedAt: string;
    try {
      const appended = store.append(decision.events, { expectedVersion: decision.expectedVersion });
      recordedAt = appended.appended.at(-1)?.recordedAt ?? new Date(scheduler.now()).toISOString();
    } catch (error) {
      // Someone started or withdrew a ticket since the table was read: the next commit decides again.
      if (error instanceof StreamVersionConflictError) return;
      throw error;
    }
    const turned = decision.events.find(
      (event) => event.type === 'PrinterFailedOver' || event.type === 'PrinterFailedBack',
    );
    if (turned === undefined) return;
    const failedOver = turned.type === 'PrinterFailedOver';
    state.set(pair.printer, {
      failedOver,
      changes: known.changes + 1,
      ...(failedOver ? { since: recordedAt } : {}),
    });
    states$.next(shown());
  }

  function evaluate(): void {
    if (stopped) return;
    for (const pair of options.pairs) {
      try {
        decide(pair);
      } catch (error) {
        options.onError(error);
      }
    }
  }

  views.tables.caughtUp.then(() => {
    if (stopped) return;
    subscriptions.push(views.tables.committed$.subscribe(() => evaluate()));
    evaluate();
  }, options.onError);

  return {
    states$: states$.asObservable(),
    stop() {
      stopped = true;
      states$.complete();
      for (const subscription of [...subscriptions, ...wakes.values()]) subscription.unsubscribe();
    },
  };
}
