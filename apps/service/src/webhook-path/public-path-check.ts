import { type EventDataByType, eventToAppend, type PublicPathStatus, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';

/** The self-check's last word, for the status API and the dashboard. */
export interface PublicPathState {
  readonly url: string;
  readonly status: PublicPathStatus;
  readonly since?: string;
  readonly detail?: string;
}

export interface PublicPathCheckOptions {
  /** `server.publicUrl`: where Wix posts webhooks (a tunnel or port forward to this box). */
  readonly publicUrl: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly scheduler: SchedulerLike;
  readonly fetch?: typeof fetch;
  /** Told when recording a change failed (the log is full or closed); the next check retries. */
  readonly onError: (error: unknown) => void;
}

export interface PublicPathCheck {
  state(): PublicPathState;
  readonly changes$: Observable<PublicPathState>;
  stop(): void;
}

function lastRecorded(store: EventStore, url: string): PublicPathState {
  let state: PublicPathState = { url, status: 'unknown' };
  for (const event of store.readStream(streams.publicPath)) {
    const data = event.data as EventDataByType['WebhookPathStatusChanged'];
    state = {
      url: data.url,
      status: data.to,
      since: event.recordedAt,
      ...(data.detail ? { detail: data.detail } : {}),
    };
  }
  return state;
}

/**
 * Looks at this box the way Wix does: `GET <public url>/health` through the tunnel or port forward,
 * every `intervalMs`. A broken tunnel shows here before the first order is missed, while the
 * internet probes still say online. Only changes are appended.
 */
export function startPublicPathCheck(options: PublicPathCheckOptions): PublicPathCheck {
  const { publicUrl, store, clock } = options;
  const doFetch = options.fetch ?? fetch;
  const url = `${publicUrl.replace(/\/+$/, '')}/health`;
  const changes$ = new BehaviorSubject<PublicPathState>(lastRecorded(store, url));
  let checking = false;
  let stopped = false;

  const probe = async (): Promise<{ status: PublicPathStatus; detail?: string }> => {
    try {
      const response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      await response.arrayBuffer();
      return response.ok
        ? { status: 'reachable' }
        : { status: 'unreachable', detail: `HTTP ${response.status}` };
    } catch (error) {
      return { status: 'unreachable', detail: String((error as Error | undefined)?.message ?? error) };
    }
  };

  const check = async () => {
    const found = await probe();
    const before = changes$.value;
    if (stopped || found.status === before.status) return;
    const at = clock().toISOString();
    store.append([
      eventToAppend('WebhookPathStatusChanged', streams.publicPath, `public-path:${at}:${found.status}`, {
        from: before.status,
        to: found.status,
        url,
        ...(found.detail ? { detail: found.detail } : {}),
      }),
    ]);
    changes$.next({
      url,
      status: found.status,
      since: at,
      ...(found.detail ? { detail: found.detail } : {}),
    });
  };

  const timer: Subscription = options.scheduler.schedule(function tick() {
    if (stopped) return;
    if (!checking) {
      checking = true;
      check()
        .catch(options.onError)
        .finally(() => {
          checking = false;
        });
    }
    this.schedule(undefined, options.intervalMs);
  }, 0);

  return {
    state: () => changes$.value,
    changes$: changes$.asObservable(),
    stop: () => {
      stopped = true;
      timer.unsubscribe();
    },
  };
}
