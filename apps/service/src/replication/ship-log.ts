import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import type { HubClient } from './hub-client.ts';
import { logRowReader } from './log-rows.ts';
import { backoffMs, stoppableWait } from './stoppable-wait.ts';

/** What the site's health and dashboard say about its replication. */
export interface ReplicationStatus {
  readonly hub: string;
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
  readonly client: HubClient;
  readonly hub: Config['hub'];
  readonly siteId: string;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Ships the site's log to the hub over outbound HTTP(S): asks where the hub stands, sends the next
 * batch from there, and repeats while there is more; when caught up it looks again every idle
 * interval. When the hub cannot be reached it backs off and resumes from the hub's acknowledged
 * position, so nothing is skipped and nothing stored twice. The restaurant needs no inbound port.
 */
export function startLogShipping(options: LogShippingOptions) {
  const { client, hub, logger } = options;
  const readRows = logRowReader(options.store);
  const waits = stoppableWait(options.scheduler);
  let status: ReplicationStatus = {
    hub: hub.url ?? '',
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
        { hub: hub.url, error },
        `replication to the hub ${state === 'refused' ? 'refused' : 'paused'}: ${error}`,
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
      const answer = await client.get('/replication/position');
      if (!answer.ok) return failed('unreachable', answer.error);
      if (answer.status !== 200)
        return failed('refused', `${answer.status} ${String(answer.body.message ?? answer.body.error)}`);
      answered(Number(answer.body.acknowledgedPosition));
    }
    if ((acknowledged as number) > options.store.lastPosition()) {
      return failed(
        'refused',
        `the hub holds ${acknowledged} events of site ${options.siteId} but this log has ${options.store.lastPosition()}: is this the site's own log?`,
      );
    }
    const rows = readRows(acknowledged as number, hub.batchSize);
    status = { ...status, logPosition: rows.at(-1)?.[0] ?? acknowledged ?? 0 };
    if (rows.length === 0) {
      status = { ...status, state: 'caught-up' };
      return waits.wait(hub.idleIntervalMs);
    }
    const answer = await client.post('/replication/events', { events: rows });
    if (!answer.ok) return failed('unreachable', answer.error);
    if (answer.status === 200 || answer.status === 409) {
      answered(Number(answer.body.acknowledgedPosition));
      status = { ...status, state: 'replicating' };
      return;
    }
    const reason =
      answer.status === 422
        ? `the hub refuses our log: its hash chain breaks at position ${String(answer.body.brokenAt)} (run \`bonrelay verify\`)`
        : `${answer.status} ${String(answer.body.message ?? answer.body.error)}`;
    return failed(answer.status >= 500 ? 'unreachable' : 'refused', reason);
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
