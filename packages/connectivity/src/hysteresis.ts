/**
 * Where a monitor stands: the status it last reported, and a different status it has seen but
 * not yet often enough in a row to believe.
 */
export interface Tracker<S> {
  readonly current: S;
  readonly pending?: { readonly status: S; readonly count: number };
}

/** The tracker after one observation, and the change it confirmed, if any. */
export interface TrackStep<S> {
  readonly tracker: Tracker<S>;
  readonly confirmed?: { readonly from: S; readonly to: S };
}

/**
 * Folds one observation into the tracker. A new status is believed only after `agreeingProbes`
 * consecutive observations of it, so a loose cable flapping between answers never reaches the log.
 * The same rule holds when leaving `unknown`: one stray answer from a printer still warming up
 * would otherwise cost two log entries, and waiting costs only (N - 1) fast intervals.
 */
export function track<S>(tracker: Tracker<S>, status: S, agreeingProbes: number): TrackStep<S> {
  if (status === tracker.current) return { tracker: { current: tracker.current } };
  const count = tracker.pending?.status === status ? tracker.pending.count + 1 : 1;
  if (count < agreeingProbes) return { tracker: { current: tracker.current, pending: { status, count } } };
  return { tracker: { current: status }, confirmed: { from: tracker.current, to: status } };
}
