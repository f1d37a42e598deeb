import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { Logger } from '../logger.ts';

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
  const { logger } = options;
  const waiters = new Map<string, Set<() => void>>();
  const wake = (siteId: string) => {
    const held = waiters.get(siteId);
    waiters.delete(siteId);
    for (const resolve of held ?? []) resolve();
  };
  let closed = false;
  let client: pg.Client | undefined;
  let retry: Subscription | undefined;

  const listen = async (): Promise<void> => {
    const connection = new pg.Client({ connectionString: options.url });
    const again = (error: Error) => {
      if (closed || client !== connection) return;
      client = undefined;
      logger.warn(
        { err: error },
        'the order wake-up connection dropped; polls fall back to looking every interval',
      );
      void connection.end().catch(() => undefined);
      retry = options.scheduler.schedule(() => void listen(), options.reconnectMs);
    };
    connection.on('error', again);
    connection.on('end', () => again(new Error('connection ended')));
    connection.on('notification', (message) => {
      if (message.channel === channel && message.payload) wake(message.payload);
    });
    client = connection;
    try {
      await connection.connect();
      await connection.query(`LISTEN ${channel}`);
    } catch (error) {
      again(error instanceof Error ? error : new Error(String(error)));
    }
  };
  if (options.dialect === 'postgres') await listen();

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
      closed = true;
      retry?.unsubscribe();
      const connection = client;
      client = undefined;
      await connection?.end().catch(() => undefined);
      for (const siteId of [...waiters.keys()]) wake(siteId);
    },
  };
}
