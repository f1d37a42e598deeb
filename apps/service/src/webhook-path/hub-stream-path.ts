import type { SchedulerLike, Subscription } from 'rxjs';
import type { OrderStreamStatus } from '../replication/pull-orders.ts';
import type { WebhookPathWatch } from './webhook-path-watch.ts';

export interface HubStreamPathOptions {
  readonly path: Pick<WebhookPathWatch, 'hubStreamDown' | 'hubStreamUp' | 'webhookArrived'>;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  /** How long the stream may be down before the site counts as cut off (`wix.webhookGraceMs`). */
  readonly graceMs: number;
}

export interface HubStreamPath {
  /** The order stream's state after each poll; only a change of up/down matters. */
  streamChanged(state: OrderStreamStatus['state']): void;
  /** An order came down the stream: the path works, and catch-up's copy of it was not missed. */
  orderArrived(orderId: string | undefined): void;
  stop(): void;
}

/**
 * Judges a hub-fed site's webhook path by the hub's order stream: Wix posts to the hub, so a stream
 * that stays down for the grace means no order reaches the kitchen but through catch-up, even
 * while the internet probes say online. A blip shorter than the grace (a hub restart, a replica
 * change) says nothing; the stream answering again ends the gap it caused.
 */
export function judgeHubStream(options: HubStreamPathOptions): HubStreamPath {
  const { path, scheduler, clock, graceMs } = options;
  let downSince: Date | undefined;
  let timer: Subscription | undefined;
  let connected = false;
  const up = () => {
    timer?.unsubscribe();
    timer = undefined;
    downSince = undefined;
  };
  return {
    streamChanged(state) {
      if (state === 'connected') {
        // The first answer after a start ends a gap the hub left open before the restart, too.
        if (!connected) path.hubStreamUp();
        connected = true;
        up();
        return;
      }
      if (state !== 'starting') connected = false;
      if (state === 'starting' || downSince !== undefined) return;
      const since = clock();
      downSince = since;
      timer = scheduler.schedule(() => path.hubStreamDown(since), graceMs);
    },
    orderArrived: (orderId) => path.webhookArrived(orderId, 'hub'),
    stop: up,
  };
}
