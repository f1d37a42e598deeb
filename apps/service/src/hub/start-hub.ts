import type { AddressInfo } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { alertMailerFor } from '../alerts/email-transport.ts';
import { type Config, describeConfig, resolveWixPublicKey } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { bonrelayTableViews } from '../projections/bonrelay-views.ts';
import { serveApi } from '../serve-api.ts';
import { openServiceLog } from '../service-log.ts';
import { serviceVersion } from '../version.ts';
import type { HubAlertTables } from './hub-alert-tables.ts';
import { createHubApi } from './hub-api.ts';
import { startHubViewProjector } from './hub-view-projector.ts';
import { hubViewQueries } from './hub-view-queries.ts';
import { startIngestWakeups } from './ingest-wakeups.ts';
import { type HubDatabase, openHubDatabase } from './open-hub-database.ts';
import { startOrderWakeups } from './order-wakeups.ts';
import { openSiteViewStore } from './site-view-store.ts';
import { startHubAlerts } from './start-hub-alerts.ts';

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly database: HubDatabase;
  stop(reason: string): Promise<void>;
}

export interface HubOverrides {
  readonly clock?: () => Date;
  readonly scheduler?: SchedulerLike;
  readonly logger?: Logger;
}

/**
 * The hub's composition root: its database, then HTTP. No printers, monitors or log file of its
 * own, and nothing in memory another replica lacks, so several hubs on one database are peers
 * behind a proxy and any of them may be killed at any moment.
 */
export async function startHub(config: Config, overrides: HubOverrides = {}): Promise<RunningHub> {
  const clock = overrides.clock ?? (() => new Date());
  const scheduler = overrides.scheduler ?? asyncScheduler;
  const logger = overrides.logger ?? (await openServiceLog(config.logLevel)).logger;
  const url = config.database.url;
  if (!url) throw new Error('a hub needs BONRELAY_DATABASE_URL');
  const database = await openHubDatabase(url, undefined, (error) =>
    logger.warn({ err: error }, 'a database connection dropped; the next query opens a new one'),
  );
  logger.info({ config: describeConfig(config) }, 'configuration');
  const wakeups = await startOrderWakeups({
    db: database.db as never,
    dialect: database.dialect,
    url,
    scheduler,
    reconnectMs: config.hub.retry.capMs,
    logger,
  });
  const alerts = startHubAlerts({
    db: database.db.withTables<HubAlertTables>(),
    config: config.alerts,
    locale: config.alerts.locale ?? config.locale,
    mail: alertMailerFor(config),
    scheduler,
    clock,
    logger,
  });
  const ingests = await startIngestWakeups({
    dialect: database.dialect,
    url,
    scheduler,
    reconnectMs: config.hub.retry.capMs,
    logger,
  });
  const siteViews = openSiteViewStore(url);
  const views = bonrelayTableViews(config);
  const projector = startHubViewProjector({
    db: database.db,
    store: siteViews,
    views,
    scheduler,
    wake: ingests.ingested,
    safetyRoundMs: config.hub.viewSafetyRoundMs,
    heldRetryMs: config.database.viewFlushIntervalMs,
    onError: (error, site) =>
      logger.error({ err: error, site }, "a site's views could not be brought up to date; retrying"),
  });
  const api = createHubApi({
    db: database.db,
    clock,
    wait: (ms) => new Promise((resolve) => scheduler.schedule(() => resolve(), ms)),
    logger,
    publicKey: resolveWixPublicKey(config),
    apiToken: config.api.token,
    remoteAddress: (_request, env) => {
      try {
        return getConnInfo({ env } as never).remote.address;
      } catch {
        return undefined;
      }
    },
    replicationBodyLimitBytes: config.hub.replicationBodyLimitBytes,
    webhookBodyLimitBytes: config.server.bodyLimitBytes,
    orderPollWaitMs: config.hub.orderPollWaitMs,
    orderPollIntervalMs: config.hub.orderPollIntervalMs,
    dashboardRefreshSeconds: Math.max(1, Math.round(config.hub.dashboardRefreshMs / 1000)),
    dashboardLocale: config.dashboard.locale ?? config.locale,
    timeZone: config.businessDay.timeZone,
    version: serviceVersion,
    alerts,
    wakeups,
    views: hubViewQueries(database.db, siteViews, views, clock),
  });
  const server = await serveApi(api.fetch, { hostname: config.server.host, port: config.server.port });
  const port = (server.address() as AddressInfo).port;
  const listening = `http://${config.server.host}:${port}`;
  logger.info({ url: listening, role: 'hub', database: database.dialect }, 'bonrelay is listening');
  let stopped: Promise<void> | undefined;
  return {
    url: listening,
    port,
    database,
    stop: (reason) => {
      stopped ??= (async () => {
        logger.info({ reason }, 'stopping');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await alerts.stop();
        await wakeups.close();
        await ingests.close();
        await projector.stop();
        await siteViews.close();
        await database.close();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}
