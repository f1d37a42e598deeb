import type { InternetStatus } from '@bonrelay/domain';
import { map, NEVER, type Observable, type SchedulerLike } from 'rxjs';
import {
  checkInternet,
  type InternetCheck,
  requireTargets,
  type TargetProbe,
  type WixProbe,
} from './internet-probe.ts';
import type { ProbeTarget } from './probe-targets.ts';
import { monitorStatus, requirePositive } from './status-monitor.ts';

/** An internet status change the monitor believes; becomes an `InternetStatusChanged` event. */
export interface InternetStatusChange {
  readonly from: InternetStatus;
  readonly to: InternetStatus;
  /** Targets that failed in the confirming check, as `host:port`. */
  readonly failedTargets: readonly string[];
}

/** Everything the internet monitor needs; intervals and counts come from the validated config. */
export interface WatchInternetOptions {
  readonly targets: readonly ProbeTarget[];
  readonly probeTarget: TargetProbe;
  readonly wixProbe?: WixProbe;
  readonly scheduler: SchedulerLike;
  readonly intervalMs: number;
  /** Between checks while a change awaits confirmation; defaults to `intervalMs`. */
  readonly fastIntervalMs?: number;
  /** Consecutive agreeing checks needed before a new status is believed (hysteresis). */
  readonly agreeingProbes: number;
  /** The status the log last recorded, so a restart does not append it again. */
  readonly initial?: InternetStatus;
  /** Each emission checks now (unless a check is already running). */
  readonly checkNow$?: Observable<void>;
  /** A target or Wix probe silent this long counts as failed. */
  readonly probeTimeoutMs?: number;
}

/**
 * Watches the restaurant's internet and emits only believed changes, so the offline periods the
 * audit shows are real outages, not one dropped packet. Cold: each subscription probes on its own.
 */
export function watchInternet(options: WatchInternetOptions): Observable<InternetStatusChange> {
  const fastIntervalMs = options.fastIntervalMs ?? options.intervalMs;
  requireTargets(options.targets);
  requirePositive('intervalMs', options.intervalMs);
  requirePositive('fastIntervalMs', fastIntervalMs);
  requirePositive('agreeingProbes', options.agreeingProbes, true);
  return monitorStatus<InternetStatus, InternetCheck>({
    initial: options.initial ?? 'unknown',
    agreeingProbes: options.agreeingProbes,
    scheduler: options.scheduler,
    check: () => checkInternet(options),
    evidence$: NEVER,
    checkNow$: options.checkNow$ ?? NEVER,
    cadence: (tracker$) =>
      tracker$.pipe(map((tracker) => (tracker.pending ? fastIntervalMs : options.intervalMs))),
  }).pipe(
    map(({ from, observation }) => ({
      from,
      to: observation.status,
      failedTargets: observation.failedTargets,
    })),
  );
}
