/**
 * What the emulated printer is doing right now. Each mode is one way a real kitchen printer
 * misbehaves, so tests and demos can reproduce it on demand.
 */
export type FaultMode =
  | 'online'
  | 'paper-near-end'
  | 'offline'
  | 'paper-end'
  | 'cover-open'
  | 'error'
  | 'blackhole'
  | 'reset-mid-job'
  | 'slow'
  | 'mute';

/** Every mode, for validating the control API and for tests that walk through them all. */
export const faultModes: readonly FaultMode[] = [
  'online',
  'paper-near-end',
  'offline',
  'paper-end',
  'cover-open',
  'error',
  'blackhole',
  'reset-mid-job',
  'slow',
  'mute',
];

/** Narrows untrusted input (an HTTP body) to a mode, so a typo is refused instead of ignored. */
export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (faultModes as readonly string[]).includes(value);
}

/** Modes in which a real printer stops printing and keeps the data until someone fixes it. */
export function isStopped(mode: FaultMode): boolean {
  return mode === 'paper-end' || mode === 'cover-open' || mode === 'error';
}
