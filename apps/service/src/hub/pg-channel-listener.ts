import pg from 'pg';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { Logger } from '../logger.ts';

export interface ChannelListenerOptions {
  readonly url: string;
  readonly channel: string;
  /** Each notification's payload (empty payloads are dropped). */
  readonly onNotification: (payload: string) => void;
  readonly scheduler: SchedulerLike;
  /** How long to wait before listening again after the listening connection dropped. */
  readonly reconnectMs: number;
  readonly logger: Logger;
  /** Said in the log when the connection drops: what falls back to its periodic look meanwhile. */
  readonly fallback: string;
}

export interface ChannelListener {
  close(): Promise<void>;
}

/**
 * One PostgreSQL connection held in LISTEN on `channel`, reopened after a drop: what lets one
 * replica's commit wake work held on every other. A notification sent while the connection was
 * down is lost, so every user keeps a periodic look underneath.
 */
export async function listenToChannel(options: ChannelListenerOptions): Promise<ChannelListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: Subscription | undefined;

  const listen = async (): Promise<void> => {
    const connection = new pg.Client({ connectionString: options.url });
    const again = (error: Error) => {
      if (closed || client !== connection) return;
      client = undefined;
      options.logger.warn({ err: error, channel: options.channel }, options.fallback);
      void connection.end().catch(() => undefined);
      retry = options.scheduler.schedule(() => void listen(), options.reconnectMs);
    };
    connection.on('error', again);
    connection.on('end', () => again(new Error('connection ended')));
    connection.on('notification', (message) => {
      if (message.channel === options.channel && message.payload) options.onNotification(message.payload);
    });
    client = connection;
    try {
      await connection.connect();
      await connection.query(`LISTEN ${options.channel}`);
    } catch (error) {
      again(error instanceof Error ? error : new Error(String(error)));
    }
  };
  await listen();

  return {
    close: async () => {
      closed = true;
      retry?.unsubscribe();
      const connection = client;
      client = undefined;
      await connection?.end().catch(() => undefined);
    },
  };
}
