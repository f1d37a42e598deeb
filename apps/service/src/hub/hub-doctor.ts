import { existsSync } from 'node:fs';
import { openEventStore } from '@bonrelay/event-store';
import { asyncScheduler } from 'rxjs';
import { type Config, withoutPassword } from '../config/index.ts';
import { databaseLogDestination } from '../database-copy/database-destination.ts';
import { databaseCopySiteId } from '../database-copy/start-database-copy.ts';
import { databaseFile } from '../database-file.ts';
import { createHubClient } from '../replication/hub-client.ts';
import { hubLogDestination, type LogDestination } from '../replication/log-destination.ts';
import { type HubDatabase, openHubDatabase } from './open-hub-database.ts';

export interface HubFinding {
  readonly verdict: 'ok' | 'warn' | 'FAIL';
  readonly check: string;
  readonly detail: string;
}

/** Above this many events behind, a site's replication lag is worth a warning. */
const lagWarningEvents = 1_000;

function siteLogPosition(config: Config): number {
  const file = databaseFile(config);
  if (!existsSync(file)) return 0;
  const store = openEventStore({ file, readonly: true });
  try {
    return store.lastPosition();
  } finally {
    store.close();
  }
}

/** How far one copy of the site's log (the hub's, or the server database's) lags behind the log. */
async function copyFinding(
  check: string,
  destination: LogDestination,
  logPosition: number,
): Promise<HubFinding> {
  const answer = await destination.acknowledgedPosition();
  if (answer.kind === 'unreachable')
    return {
      verdict: 'warn',
      check,
      detail: `${destination.name} unreachable (${answer.error}): the log is kept and copied once it answers`,
    };
  if (answer.kind === 'refused')
    return { verdict: 'FAIL', check, detail: `${destination.name} refuses this site (${answer.error})` };
  const lag = Math.max(0, logPosition - answer.position);
  return {
    verdict: lag > lagWarningEvents ? 'warn' : 'ok',
    check,
    detail: `replicated up to ${answer.position} of ${logPosition} (lag ${lag} event${lag === 1 ? '' : 's'}) at ${destination.name}`,
  };
}

function siteReplication(config: Config, logPosition: number): Promise<HubFinding> {
  const client = createHubClient({
    url: config.hub.url as string,
    token: config.hub.token ?? '',
    timeoutMs: config.hub.requestTimeoutMs,
    scheduler: asyncScheduler,
    fetch,
  });
  return copyFinding('hub replication', hubLogDestination(client, config.hub.url as string), logPosition);
}

/** The server database's copy, opened as the running site opens it (and so migrated like it). */
async function databaseCopy(config: Config, logPosition: number): Promise<HubFinding> {
  const url = config.database.url as string;
  let opened: HubDatabase | undefined;
  const destination = databaseLogDestination({
    name: withoutPassword(url),
    siteId: databaseCopySiteId(config),
    clock: () => new Date(),
    database: async () => {
      opened ??= await openHubDatabase(url, 1);
      return opened.db;
    },
  });
  try {
    return await copyFinding('database copy', destination, logPosition);
  } finally {
    await opened?.close();
  }
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
 * a site, how far each copy of its log (the hub's, the server database's) lags behind the log itself.
 */
export async function hubFindings(config: Config): Promise<HubFinding[]> {
  if (config.role === 'hub') return [await hubDatabase(config)];
  const logPosition = siteLogPosition(config);
  return [
    ...(config.hub.url ? [await siteReplication(config, logPosition)] : []),
    ...(config.database.url ? [await databaseCopy(config, logPosition)] : []),
  ];
}
