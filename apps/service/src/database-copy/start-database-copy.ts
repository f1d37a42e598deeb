import type { EventStore } from '@bonrelay/event-store';
import type { SchedulerLike } from 'rxjs';
import { type Config, withoutPassword } from '../config/index.ts';
import { type HubViewProjector, startHubViewProjector } from '../hub/hub-view-projector.ts';
import { ingestsHere } from '../hub/ingest-wakeups.ts';
import { type HubDatabase, openHubDatabase } from '../hub/open-hub-database.ts';
import { openSiteViewStore, type SiteViewStore } from '../hub/site-view-store.ts';
import type { Logger } from '../logger.ts';
import { bonrelayTableViews } from '../projections/bonrelay-views.ts';
import { type ReplicationStatus, startLogShipping } from '../replication/ship-log.ts';
import { databaseLogDestination } from './database-destination.ts';
import { registerOwnSite } from './own-site.ts';

export interface DatabaseCopyOptions {
  readonly store: EventStore;
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
}

export interface DatabaseCopy {
  readonly siteId: string;
  status(): ReplicationStatus;
  stop(): Promise<void>;
}

/** The id the site's rows carry in its server database: its hub id when it has one. */
export function databaseCopySiteId(config: Config): string {
  return config.hub.siteId ?? 'site';
}

/**
 * A restaurant's log and every one of its views kept in its server database
 * (`BONRELAY_DATABASE_URL`), a moment behind the kitchen: each event is written to the site's own
 * log first and copied from there, so a database that is down, slow or being upgraded never holds
 * up a ticket, and the copy resumes where the database says it stands. What lands there is what a
 * hub holds (the same tables, chain-verified, personal data as sealed as on the site), so `audit
 * offline --site`, reports and a hub started on the same database read it as they read any site.
 */
export function startDatabaseCopy(options: DatabaseCopyOptions): DatabaseCopy {
  const { config, logger, clock } = options;
  const url = config.database.url as string;
  const siteId = databaseCopySiteId(config);
  let stopped = false;
  let opening: Promise<HubDatabase> | undefined;
  let views: { readonly store: SiteViewStore; readonly projector: HubViewProjector } | undefined;

  const open = async (): Promise<HubDatabase> => {
    // A server that swallows the connection must read as away, not keep the copy "starting" forever.
    const database = await openHubDatabase(
      url,
      4,
      (error) =>
        logger.warn({ err: error }, 'a connection to the server database dropped; the copy reconnects'),
      config.hub.requestTimeoutMs,
    );
    try {
      await registerOwnSite(database.db, siteId, clock());
    } catch (error) {
      await database.close();
      throw error;
    }
    if (!stopped) {
      const store = openSiteViewStore(url);
      const projector = startHubViewProjector({
        db: database.db,
        store,
        views: bonrelayTableViews(config),
        sites: [siteId],
        scheduler: options.scheduler,
        // The copy's own ingest runs in this process: it wakes the projector the moment it commits.
        wake: ingestsHere(),
        safetyRoundMs: config.hub.viewSafetyRoundMs,
        heldRetryMs: config.database.viewFlushIntervalMs,
        onError: (error) =>
          logger.warn(
            { err: error },
            "the server database's views could not be brought up to date; retrying",
          ),
      });
      views = { store, projector };
    }
    return database;
  };

  const shipping = startLogShipping({
    store: options.store,
    destination: databaseLogDestination({
      name: withoutPassword(url),
      siteId,
      clock,
      database: async () => {
        // A server that could not be reached is asked again on the shipper's next attempt.
        opening ??= open().catch((error: unknown) => {
          opening = undefined;
          throw error;
        });
        return (await opening).db;
      },
    }),
    hub: config.hub,
    siteId,
    scheduler: options.scheduler,
    clock,
    logger,
  });

  return {
    siteId,
    status: shipping.status,
    stop: async () => {
      stopped = true;
      await shipping.stop();
      const database = await opening?.catch(() => undefined);
      await views?.projector.stop();
      await views?.store.close();
      await database?.close();
    },
  };
}
