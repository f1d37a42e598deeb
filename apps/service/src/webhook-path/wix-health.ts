import type { LiveUpdate } from '@bonrelay/api';
import { EMPTY, map, merge, type Observable, skip } from 'rxjs';
import type { WixHealthSnapshot } from '../alerts/alert-types.ts';
import type { ClockSkewWatch, ClockState } from './clock-skew-watch.ts';
import type { PublicPathCheck, PublicPathState } from './public-path-check.ts';
import type { WebhookPathState, WebhookPathWatch } from './webhook-path-watch.ts';

/** The dashboard's and the API's view of the Wix path: the banner reads `webhookPath.status`. */
export interface WixHealthStatus {
  readonly webhookPath: WebhookPathState;
  readonly clock: ClockState;
  /** The self-check through the public URL, when `server.publicUrl` is set. */
  readonly publicPath?: PublicPathState;
}

export interface WixHealth {
  status(): WixHealthStatus;
  /** What the alerts judge: an open gap, a clock beyond the threshold. */
  alertState(): WixHealthSnapshot;
  readonly changes$: Observable<unknown>;
  /** Pushed to the dashboard over SSE as `wix-health` whenever the path or the clock verdict changes. */
  liveUpdates(): Observable<LiveUpdate>;
}

/**
 * Joins the webhook-path and clock watches into one answer for the status API, the dashboard's
 * live stream and the alerts, so all three say the same thing.
 */
export function wixHealth(
  path: WebhookPathWatch,
  clock: ClockSkewWatch,
  publicPath: PublicPathCheck | undefined,
): WixHealth {
  const status = () => ({
    webhookPath: path.state(),
    clock: clock.state(),
    ...(publicPath ? { publicPath: publicPath.state() } : {}),
  });
  // All are BehaviorSubjects: skip their current value, the snapshot the dashboard loads has it.
  const changes$ = merge(
    path.changes$.pipe(skip(1)),
    clock.changes$.pipe(skip(1)),
    publicPath ? publicPath.changes$.pipe(skip(1)) : EMPTY,
  );
  return {
    status,
    alertState: () => {
      const { gap } = path.state();
      const { offsetMs, source, measuredAt, skewed } = clock.state();
      const skew =
        skewed && offsetMs !== undefined && source && measuredAt
          ? { offsetMs, source, measuredAt }
          : undefined;
      return { ...(gap ? { gap } : {}), ...(skew ? { skew } : {}) };
    },
    changes$,
    liveUpdates: () => changes$.pipe(map(() => ({ event: 'wix-health', data: status() }))),
  };
}
