import type { TableView } from '@bonrelay/views';
import type { Kysely } from 'kysely';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { HubTables } from './hub-tables.ts';
import { openSiteViews, projectSiteBatch } from './project-site-views.ts';
import type { SiteViewStore } from './site-view-store.ts';

export interface HubViewProjectorOptions {
  readonly db: Kysely<HubTables>;
  readonly store: SiteViewStore;
  readonly views: readonly TableView[];
  readonly scheduler: SchedulerLike;
  /** Pause between rounds over the sites once every site's views are current. */
  readonly intervalMs: number;
  readonly maxBatch?: number;
  /** Only these sites (a site's own server copy); unset = every registered site (a hub). */
  readonly sites?: readonly string[];
  readonly onError: (error: unknown, siteId: string) => void;
}

export interface HubViewProjector {
  /** One pass over every site, each folded until current (or held by another replica). */
  round(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps every site's views current with what the site replicated, on every replica: each round
 * takes the sites in turn and folds their new events under the site's claim, so replicas share
 * the work and never repeat it, and one that dies leaves nothing half-done. Nothing is kept in
 * memory but which sites' tables this process has already opened.
 */
export function startHubViewProjector(options: HubViewProjectorOptions): HubViewProjector {
  const { db, store, views } = options;
  const maxBatch = options.maxBatch ?? 2_000;
  const opened = new Set<string>();
  // How far each site's views were found current here: a site whose acknowledged position has not
  // moved past it needs no transaction (an idle round costs one read, however many sites).
  const currentAt = new Map<string, number>();
  let stopped = false;
  let next: Subscription | undefined;
  let running: Promise<void> = Promise.resolve();

  const projectSite = async (siteId: string, acknowledged: number) => {
    if (acknowledged <= (currentAt.get(siteId) ?? -1)) return;
    if (!opened.has(siteId)) {
      // A site another replica is folding is left to it until a later round.
      if (!(await openSiteViews(store, siteId, views, false))) return;
      opened.add(siteId);
    }
    for (;;) {
      const folded = await projectSiteBatch(db, store, siteId, views, maxBatch);
      if (folded === 'busy' || stopped) return;
      if (folded < maxBatch) {
        currentAt.set(siteId, acknowledged);
        return;
      }
    }
  };

  const round = (): Promise<void> => {
    // A failed round must not keep later ones from running.
    running = running
      .catch(() => undefined)
      .then(async () => {
        const sites = await db
          .selectFrom('hub_sites')
          .innerJoin('hub_site_summary', 'hub_site_summary.site_id', 'hub_sites.site_id')
          .select(['hub_sites.site_id', 'hub_site_summary.acknowledged_position'])
          .$if(options.sites !== undefined, (query) =>
            query.where('hub_sites.site_id', 'in', options.sites as string[]),
          )
          .orderBy('hub_sites.site_id')
          .execute();
        for (const { site_id, acknowledged_position } of sites) {
          if (stopped) return;
          await projectSite(site_id, Number(acknowledged_position)).catch((error: unknown) =>
            options.onError(error, site_id),
          );
        }
      });
    return running;
  };

  const loop = () => {
    if (stopped) return;
    round()
      .catch((error: unknown) => options.onError(error, '*'))
      .finally(() => {
        if (!stopped) next = options.scheduler.schedule(loop, options.intervalMs);
      });
  };
  loop();

  return {
    round,
    stop: async () => {
      stopped = true;
      next?.unsubscribe();
      await running.catch(() => undefined);
    },
  };
}
