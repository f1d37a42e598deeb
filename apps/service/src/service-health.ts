import type { BonrelayPorts } from '@bonrelay/api';
import { connectivityMode } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { BonrelayViews } from './projections/bonrelay-views.ts';
import { viewsHealth } from './projections/views-progress.ts';
import type { ReplicationStatus } from './replication/ship-log.ts';
import { serviceVersion } from './version.ts';

export interface ServiceHealthOptions {
  readonly views: BonrelayViews;
  readonly store: Pick<EventStore, 'lastPosition'>;
  readonly wixConfigured: boolean;
  readonly printers: readonly string[];
  /** A site linked to a hub also says how far the hub's copy of its log has come. */
  readonly hub?: () => ReplicationStatus;
  /** A site keeping a server database says how far the database's copy has come. */
  readonly database?: () => ReplicationStatus;
}

/**
 * `/health`: alive, and — for a person or a monitor reading it — the mode, how far the log and the
 * views are, whether Wix is set up, and the hub link. Always healthy while it answers at all.
 */
export function serviceHealth(options: ServiceHealthOptions): BonrelayPorts['health'] {
  const { views, store, printers, hub, database } = options;
  return () => ({
    healthy: true,
    body: {
      status: 'ok',
      version: serviceVersion,
      mode: connectivityMode(views.connectivity.status()),
      log: { position: store.lastPosition() },
      views: viewsHealth(views.tables),
      wix: options.wixConfigured ? 'configured' : 'not-configured',
      printers: [...printers],
      ...(hub ? { hub: hub() } : {}),
      ...(database ? { database: database() } : {}),
    },
  });
}
