import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { createHubClient } from './hub-client.ts';
import { type ReplicationStatus, startLogShipping } from './ship-log.ts';

export interface ReplicationOptions {
  readonly store: EventStore;
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

/**
 * A site's link to its hub, all outbound: its log shipped up. Started only when the site is
 * configured with a hub (url, site id and token, checked at start).
 */
export function startReplication(options: ReplicationOptions) {
  const { hub } = options.config;
  const client = createHubClient({
    url: hub.url as string,
    token: hub.token as string,
    timeoutMs: hub.requestTimeoutMs,
    scheduler: options.scheduler,
    fetch: options.fetch ?? fetch,
  });
  const shipping = startLogShipping({
    store: options.store,
    client,
    hub,
    siteId: hub.siteId as string,
    scheduler: options.scheduler,
    clock: options.clock,
    logger: options.logger,
  });
  return {
    status: (): ReplicationStatus => shipping.status(),
    stop: async () => {
      await shipping.stop();
    },
  };
}

export type Replication = ReturnType<typeof startReplication>;
