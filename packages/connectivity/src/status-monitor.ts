import {
  BehaviorSubject,
  defer,
  distinctUntilChanged,
  exhaustMap,
  filter,
  map,
  merge,
  type Observable,
  of,
  type SchedulerLike,
  switchMap,
  timer,
} from 'rxjs';
import { type Tracker, track } from './hysteresis.ts';

/** How one monitor probes; the printer and internet monitors differ only in these. */
export interface MonitorPlan<S, O extends { readonly status: S }> {
  readonly initial: S;
  readonly agreeingProbes: number;
  readonly scheduler: SchedulerLike;
  /** One probe; must answer exactly once and never error. */
  readonly check: () => Observable<O>;
  /** Observations made elsewhere (a failed print) that count like a probe. */
  readonly evidence$: Observable<O>;
  readonly checkNow$: Observable<unknown>;
  /** The wait between probes, re-decided whenever the tracker (or anything else) changes. */
  readonly cadence: (tracker$: Observable<Tracker<S>>) => Observable<number>;
}

/** A status change the monitor now believes, with the observation that tipped it. */
export interface Confirmed<S, O> {
  readonly from: S;
  readonly observation: O;
}

/**
 * The shared engine of both monitors: probe at once, then on a cadence that may change with what
 * was seen, never two probes at a time, and emit only changes that passed the hysteresis.
 */
export function monitorStatus<S, O extends { readonly status: S }>(
  plan: MonitorPlan<S, O>,
): Observable<Confirmed<S, O>> {
  return defer(() => {
    const tracker$ = new BehaviorSubject<Tracker<S>>({ current: plan.initial });
    const ticks$ = plan.cadence(tracker$).pipe(
      distinctUntilChanged(),
      switchMap((intervalMs) => timer(intervalMs, intervalMs, plan.scheduler)),
    );
    const probes$ = merge(of(undefined), ticks$, plan.checkNow$).pipe(exhaustMap(() => plan.check()));
    return merge(probes$, plan.evidence$).pipe(
      map((observation) => {
        const step = track(tracker$.value, observation.status, plan.agreeingProbes);
        tracker$.next(step.tracker);
        return step.confirmed && { from: step.confirmed.from, observation };
      }),
      filter((confirmed): confirmed is Confirmed<S, O> => confirmed !== undefined),
    );
  });
}

/** Rejects settings that would make a monitor spin or never decide; config should have caught them. */
export function requirePositive(name: string, value: number, integer = false): void {
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}
