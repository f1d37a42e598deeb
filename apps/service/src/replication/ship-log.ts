import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { LogDestination } from './log-destination.ts';
import { logRowReader } from './log-rows.ts';
import { backoffMs, stoppableWait } from './stoppable-wait.ts';

/** What the site's health and dashboard say about a copy of its log (the hub's, or its database's). */
export interface ReplicationStatus {
  /** Where the copy goes: the hub's URL, or the database's without its password. */
  readonly destination: string;
  readonly site: string;
  readonly state: 'starting' | 'replicating' | 'caught-up' | 'unreachable' | 'refused';
  /** The last site position the hub confirmed it holds durably; null until it answered once. */
  readonly replicatedUpTo: number | null;
  readonly logPosition: number;
  readonly lastContactAt: string | null;
  readonly lastError: string | null;
}

export interface LogShippingOptions {
  readonly store: EventStore;
  readonly destination: LogDestination;
  /** Batch size, idle interval and backoff: the hub's settings serve every copy. */
  readonly hub: Config['hub'];
  readonly siteId: string;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Ships the site's log to its destination (the hub over outbound HTTP(S), or a server database):
 * asks where the copy stands, sends the next batch from there, and repeats while there is more;
 * when caught up it looks again every idle interval. When the copy cannot be reached it backs off
 * and resumes from its acknowledged position, so nothing is skipped and nothing stored twice.
 * Printing never waits for it: the site's own log is written first.
 */
export function startLogShipping(options: LogShippingOptions) {
  const { destination, hub, logger } = options;
  const readRows = logRowReader(options.store);
  const waits = stoppableWait(options.scheduler);
  let status: ReplicationStatus = {
    destination: destination.name,
    site: options.siteId,
    state: 'starting',
    replicatedUpTo: null,
    logPosition: 0,
    lastContactAt: null,
    lastError: null,
  };
  let acknowledged: number | undefined;
  let failures = 0;

  const failed = (state: 'unreachable' | 'refused', error: string) => {
    failures += 1;
    if (status.state !== state || status.lastError !== error) {
      const log = state === 'refused' ? logger.error.bind(logger) : logger.warn.bind(logger);
      log(
        { destination: destination.name, error },
        `copy of the log to ${destination.name} ${state === 'refused' ? 'refused' : 'paused'}: ${error}`,
      );
    }
    status = { ...status, state, lastError: error };
    acknowledged = undefined;
    return waits.wait(backoffMs(failures, hub.retry));
  };
  const answered = (position: number) => {
    acknowledged = position;
    failures = 0;
    status = {
      ...status,
      replicatedUpTo: position,
      lastContactAt: options.clock().toISOString(),
      lastError: null,
    };
  };

  const step = async (): Promise<void> => {
    if (acknowledged === undefined) {
      const answer = await destination.acknowledgedPosition();
      if (answer.kind !== 'acknowledged') return failed(answer.kind, answer.error);
      answered(answer.position);
    }
    if ((acknowledged as number) > options.store.lastPosition()) {
      return failed(
        'refused',
        `${destination.name} holds ${acknowledged} events of site ${options.siteId} but this log has ${options.store.lastPosition()}: is this the site's own log?`,
      );
    }
    const rows = readRows(acknowledged as number, hub.batchSize);
    status = { ...status, logPosition: rows.at(-1)?.[0] ?? acknowledged ?? 0 };
    if (rows.length === 0) {
      status = { ...status, state: 'caught-up' };
      return waits.wait(hub.idleIntervalMs);
    }
    const answer = await destination.store(rows);
    if (answer.kind !== 'acknowledged') return failed(answer.kind, answer.error);
    answered(answer.position);
    status = { ...status, state: 'replicating' };
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
    status: (): ReplicationStatus => status,
    stop: async () => {
      waits.stop();
      await running;
    },
  };
}
