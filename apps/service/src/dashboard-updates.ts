import type { LiveUpdate } from '@bonrelay/api';
import { merge, type Observable, type SchedulerLike } from 'rxjs';
import { type AlarmOptions, alarmUpdates } from './alarm/index.ts';
import type { Config } from './config/index.ts';
import { fallbackUpdates } from './fallback/index.ts';
import type { FallbackState } from './fallback/run-fallback.ts';
import { liveUpdates } from './live-updates.ts';
import type { BonrelayViews } from './projections/bonrelay-views.ts';
import { hubUpdates } from './replication/hub-updates.ts';
import type { ReplicationStatus } from './replication/ship-log.ts';
import { type UnreadableOrdersView, unreadableOrdersUpdates } from './unreadable/index.ts';
import type { WixHealth } from './webhook-path/wix-health.ts';

export interface DashboardUpdatesOptions {
  readonly config: Config;
  readonly views: BonrelayViews;
  readonly clock: () => Date;
  readonly scheduler: SchedulerLike;
  readonly unreadable: UnreadableOrdersView;
  readonly wix: WixHealth;
  readonly webhookPath: AlarmOptions['webhookPath'];
  readonly fallbacks$: Observable<readonly FallbackState[]>;
  readonly hub?: () => ReplicationStatus;
  /** A site keeping a server database: how far the database's copy of its log has come. */
  readonly database?: () => ReplicationStatus;
}

/**
 * Everything the dashboard hears on one SSE stream — queue, connectivity, orders, unreadable
 * orders, the Wix path, fail-overs, the alarm and the hub link — each from the part that owns it.
 */
export function dashboardUpdates(options: DashboardUpdatesOptions): Observable<LiveUpdate> {
  const { config, views, clock, scheduler, unreadable, hub, database } = options;
  return merge(
    liveUpdates(views, clock, config.server.liveUpdateIntervalMs, scheduler),
    unreadableOrdersUpdates(unreadable.changes$),
    options.wix.liveUpdates(),
    fallbackUpdates(options.fallbacks$),
    alarmUpdates({
      views,
      unreadable,
      webhookPath: options.webhookPath,
      scheduler,
      soundAfterMs: config.alerts.soundAfterMs,
      throttleMs: config.server.liveUpdateIntervalMs,
      locale: config.dashboard.locale,
    }),
    ...(hub ? [hubUpdates(hub, config.hub.idleIntervalMs, scheduler)] : []),
    ...(database ? [hubUpdates(database, config.hub.idleIntervalMs, scheduler, 'database')] : []),
  );
}
