import type { InternetStatus } from '@bonrelay/domain';
import {
  asyncScheduler,
  catchError,
  defaultIfEmpty,
  defer,
  firstValueFrom,
  forkJoin,
  map,
  type Observable,
  type ObservableInput,
  of,
  type SchedulerLike,
  switchMap,
  take,
} from 'rxjs';
import { deadline } from './deadline.ts';
import { formatProbeTarget, type ProbeTarget } from './probe-targets.ts';

/** Whether one target answered; `tcpConnectProbe` in the service, fakes in tests. */
export type TargetProbe = (target: ProbeTarget) => ObservableInput<boolean>;

/** Whether the Wix API answers, which is what orders actually need. */
export type WixProbe = () => ObservableInput<boolean>;

/** What one internet check found. */
export interface InternetCheck {
  readonly status: InternetStatus;
  /** The targets that did not answer, as `host:port`. */
  readonly failedTargets: readonly string[];
  readonly latencyMs: number;
}

/** How to check the internet once. */
export interface InternetCheckOptions {
  readonly targets: readonly ProbeTarget[];
  readonly probeTarget: TargetProbe;
  /** Unset: the internet being up is taken as enough (never `degraded`). */
  readonly wixProbe?: WixProbe;
  /** Measures latency; defaults to real time. */
  readonly scheduler?: SchedulerLike;
  /** A target or Wix probe silent this long counts as failed. */
  readonly probeTimeoutMs?: number;
}

/**
 * Probes every target at once: any answer means the internet is up, because one resolver being
 * down is not an outage. Wix is asked only then, so an outage costs no pointless API call; the
 * internet up with Wix silent is `degraded`. Probes that throw count as failed; never errors.
 */
export function checkInternet(options: InternetCheckOptions): Observable<InternetCheck> {
  const { targets, scheduler = asyncScheduler } = options;
  requireTargets(targets);
  const answered = (probe: () => ObservableInput<boolean>) =>
    defer(probe).pipe(
      take(1),
      deadline(scheduler, options.probeTimeoutMs),
      map((reached) => reached === true),
      defaultIfEmpty(false),
      catchError(() => of(false)),
    );
  return defer(() => {
    const startedAt = scheduler.now();
    return forkJoin(targets.map((target) => answered(() => options.probeTarget(target)))).pipe(
      switchMap((reached) => {
        const failedTargets = targets.filter((_, index) => !reached[index]).map(formatProbeTarget);
        const up = failedTargets.length < targets.length;
        const wixAnswers$ = up && options.wixProbe ? answered(options.wixProbe) : of(true);
        return wixAnswers$.pipe(
          map(
            (wixAnswers): InternetCheck => ({
              status: !up ? 'offline' : wixAnswers ? 'online' : 'degraded',
              failedTargets,
              latencyMs: scheduler.now() - startedAt,
            }),
          ),
        );
      }),
    );
  });
}

/** Refuses an empty target list: with nothing to ask, "offline" would be a lie. */
export function requireTargets(targets: readonly ProbeTarget[]): void {
  if (targets.length === 0) throw new RangeError('the internet check needs at least one target');
}

/**
 * One internet check now, for `POST /connectivity/check` and the doctor command: an answer the
 * caller can show, never an exception.
 */
export function probeInternetOnce(options: InternetCheckOptions): Promise<InternetCheck> {
  return firstValueFrom(checkInternet(options));
}
