import type { AnyDomainEvent } from '../events.ts';
import type { InternetStatus } from '../status.ts';

/** The restaurant's line to the outside world (and to Wix), as the internet monitor last saw it. */
export interface InternetConnectivity {
  readonly status: InternetStatus;
  readonly since?: string;
  readonly failedTargets: readonly string[];
}

/** Before the first probe answered. */
export const initialInternet: InternetConnectivity = { status: 'unknown', failedTargets: [] };

/**
 * Follows the internet monitor's facts into the internet's row; `since` only moves when the status
 * really changes. Returns the same row for any other event.
 */
export function evolveInternet(internet: InternetConnectivity, event: AnyDomainEvent): InternetConnectivity {
  if (event.type !== 'InternetStatusChanged') return internet;
  const { to, failedTargets } = event.data;
  const since = internet.status === to ? internet.since : event.recordedAt;
  return { status: to, ...(since === undefined ? {} : { since }), failedTargets };
}
