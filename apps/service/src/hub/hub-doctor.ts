import { existsSync } from 'node:fs';
import { openEventStore } from '@bonrelay/event-store';
import { asyncScheduler } from 'rxjs';
import type { Config } from '../config/index.ts';
import { databaseFile } from '../database-file.ts';
import { createHubClient } from '../replication/hub-client.ts';
import { openHubDatabase } from './open-hub-database.ts';

export interface HubFinding {
  readonly verdict: 'ok' | 'warn' | 'FAIL';
  readonly check: string;
  readonly detail: string;
}

/** Above this many events behind, a site's replication lag is worth a warning. */
const lagWarningEvents = 1_000;

async function siteReplication(config: Config): Promise<HubFinding> {
  const file = databaseFile(config);
  let logPosition = 0;
  if (existsSync(file)) {
    const store = openEventStore({ file, readonly: true });
    logPosition = store.lastPosition();
    store.close();
  }
  const client = createHubClient({
    url: config.hub.url as string,
    token: config.hub.token ?? '',
    timeoutMs: config.hub.requestTimeoutMs,
    scheduler: asyncScheduler,
    fetch,
  });
  const answer = await client.get('/replication/position');
  if (!answer.ok)
    return {
      verdict: 'warn',
      check: 'hub replication',
      detail: `${config.hub.url} unreachable (${answer.error}): the log is kept and shipped once it answers`,
    };
  if (answer.status !== 200)
    return {
      verdict: 'FAIL',
      check: 'hub replication',
      detail: `${config.hub.url} refuses this site (${answer.status} ${String(answer.body.message ?? answer.body.error)})`,
    };
  const replicated = Number(answer.body.acknowledgedPosition);
  const lag = Math.max(0, logPosition - replicated);
  return {
    verdict: lag > lagWarningEvents ? 'warn' : 'ok',
    check: 'hub replication',
    detail: `replicated up to ${replicated} of ${logPosition} (lag ${lag} event${lag === 1 ? '' : 's'}) at ${config.hub.url}`,
  };
}

async function hubDatabase(config: Config): Promise<HubFinding> {
  try {
    const hub = await openHubDatabase(config.database.url as string, 1);
    try {
      const sites = await hub.db
        .selectFrom('hub_sites')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      return {
        verdict: 'ok',
        check: 'hub database',
        detail: `${hub.dialect}: schema current, ${Number(sites.count)} site(s) registered`,
      };
    } finally {
      await hub.close();
    }
  } catch (error) {
    return {
      verdict: 'FAIL',
      check: 'hub database',
      detail: `BONRELAY_DATABASE_URL: ${(error as Error).message}`,
    };
  }
}

/**
 * What `doctor` adds for a group: on a hub, whether its database answers with the hub's schema; on
 * a site linked to a hub, how far the hub's copy of this site's log lags behind the log itself.
 */
export async function hubFindings(config: Config): Promise<HubFinding[]> {
  if (config.role === 'hub') return [await hubDatabase(config)];
  return config.hub.url ? [await siteReplication(config)] : [];
}
