import type { LiveUpdate } from '@bonrelay/api';
import { map, type Observable } from 'rxjs';
import type { FallbackState } from './run-fallback.ts';

/** What the dashboard hears of fail-overs: each printer with a fallback, and whether its tickets go there now. */
export function fallbackUpdates(states$: Observable<readonly FallbackState[]>): Observable<LiveUpdate> {
  return states$.pipe(map((fallbacks) => ({ event: 'fallback', data: { fallbacks } })));
}
