import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { RoutedDelivery } from './accept-routed-order.ts';
import type { HubClient } from './hub-client.ts';
import { backoffMs, stoppableWait } from './stoppable-wait.ts';

export interface OrderStreamStatus {
  readonly state: 'starting' | 'connected' | 'unreachable' | 'refused';
  /** The last routed order this site holds durably. */
  readonly cursor: number | null;
  readonly lastContactAt: string | null;
  readonly lastError: string | null;
}

export interface OrderPullOptions {
  readonly client: HubClient;
  readonly hub: Config['hub'];
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Appends one routed order durably (idempotent); throws if it cannot. */
  readonly accept: (delivery: RoutedDelivery) => number;
  /** Told the stream's state after every poll, so the webhook path can be judged by it. */
  readonly onState?: (state: OrderStreamStatus['state']) => void;
}

/**
 * Keeps a long poll open to the hub for the orders its public webhook routed here: outbound only,
 * so the restaurant needs no inbound port. Each order is appended before the cursor moves past it,
 * and the cursor goes back to the hub with the next poll, so a restart (of either side) resumes
 * where this site's log really stands; a repeat is harmless because appends are idempotent.
 */
export function startOrderPull(options: OrderPullOptions) {
  const { client, hub, logger } = options;
  const waits = stoppableWait(options.scheduler);
  let status: OrderStreamStatus = { state: 'starting', cursor: null, lastContactAt: null, lastError: null };
  let failures = 0;

  const failed = (state: 'unreachable' | 'refused', error: string) => {
    failures += 1;
    if (status.state !== state || status.lastError !== error) {
      logger.warn({ hub: hub.url, error }, `the order stream from the hub is down: ${error}`);
    }
    status = { ...status, state, lastError: error };
    options.onState?.(state);
    return waits.wait(backoffMs(failures, hub.retry));
  };

  const step = async (): Promise<void> => {
    const after = status.cursor === null ? '' : `&after=${status.cursor}`;
    const answer = await client.get(
      `/hub/orders?wait=${hub.orderPollWaitMs}${after}`,
      hub.orderPollWaitMs + hub.requestTimeoutMs,
    );
    if (!answer.ok) return failed('unreachable', answer.error);
    if (answer.status !== 200) {
      return failed(
        answer.status >= 500 ? 'unreachable' : 'refused',
        `${answer.status} ${String(answer.body.message ?? answer.body.error)}`,
      );
    }
    failures = 0;
    const orders = (answer.body.orders ?? []) as RoutedDelivery[];
    let cursor = Number(answer.body.cursor);
    for (const order of orders) {
      options.accept(order);
      cursor = order.sequence;
    }
    status = { state: 'connected', cursor, lastContactAt: options.clock().toISOString(), lastError: null };
    options.onState?.('connected');
  };

  const running = (async () => {
    while (!waits.stopped) {
      try {
        await step();
      } catch (error) {
        await failed('unreachable', error instanceof Error ? error.message : String(error));
      }
    }
  })();

  return {
    status: (): OrderStreamStatus => status,
    stop: async () => {
      waits.stop();
      await running;
    },
  };
}
