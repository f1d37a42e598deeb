import { type Kysely, sql } from 'kysely';
import type { SchedulerLike } from 'rxjs';
import type { Logger } from '../logger.ts';
import { listenToChannel } from './pg-channel-listener.ts';

/** The channel every replica listens on; the payload is the site whose order was routed. */
const channel = 'bonrelay_hub_orders';

export interface OrderWakeups {
  /**
   * Resolves `woken` as soon as an order is routed for `siteId` (on this replica, or on any replica
   * when the hub runs on PostgreSQL), or `interval` once `interval` settles, whichever comes first.
   */
  next(siteId: string, interval: Promise<void>): Promise<'woken' | 'interval'>;
  /** An order was routed for `siteId` and committed: wake the polls held for it. */
  announce(siteId: string): Promise<void>;
  close(): Promise<void>;
}

export interface OrderWakeupOptions {
  readonly db: Kysely<never>;
  /** `postgres`: LISTEN/NOTIFY across replicas; `sqlite`: this process only (the poll covers the rest). */
  readonly dialect: 'postgres' | 'sqlite';
  readonly url: string;
  readonly scheduler: SchedulerLike;
  /** How long to wait before listening again after the listening connection dropped. */
  readonly reconnectMs: number;
  readonly logger: Logger;
}

/**
 * Wakes a site's held order poll the moment its order is routed, instead of at the next look at
 * the database: an order posted to one replica reaches a site whose poll another replica holds
 * within a round trip. The periodic look stays underneath, so a notification lost while the
 * listening connection was down (or a SQLite hub's other process) only costs one interval.
 */
export async function startOrderWakeups(options: OrderWakeupOptions): Promise<OrderWakeups> {
  const waiters = new Map<string, Set<() => void>>();
  const wake = (siteId: string) => {
    const held = waiters.get(siteId);
    waiters.delete(siteId);
    for (const resolve of held ?? []) resolve();
  };
  const listener =
    options.dialect === 'postgres'
      ? await listenToChannel({
          url: options.url,
          channel,
          onNotification: wake,
          scheduler: options.scheduler,
          reconnectMs: options.reconnectMs,
          logger: options.logger,
          fallback: 'the order wake-up connection dropped; polls fall back to looking every interval',
        })
      : undefined;

  return {
    next: (siteId, interval) =>
      new Promise((resolve) => {
        let settled = false;
        const woken = () => {
          if (settled) return;
          settled = true;
          resolve('woken');
        };
        const held = waiters.get(siteId) ?? new Set();
        held.add(woken);
        waiters.set(siteId, held);
        void interval.then(() => {
          waiters.get(siteId)?.delete(woken);
          if (waiters.get(siteId)?.size === 0) waiters.delete(siteId);
          if (settled) return;
          settled = true;
          resolve('interval');
        });
      }),
    announce: async (siteId) => {
      wake(siteId);
      if (options.dialect === 'postgres')
        await sql`select pg_notify(${channel}, ${siteId})`.execute(options.db);
    },
    close: async () => {
      await listener?.close();
      for (const siteId of [...waiters.keys()]) wake(siteId);
    },
  };
}
