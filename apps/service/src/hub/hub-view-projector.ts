import type { TableView } from '@bonrelay/views';
import type { Kysely } from 'kysely';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { HubTables } from './hub-tables.ts';
import { openSiteViews, projectSiteBatch } from './project-site-views.ts';
import type { SiteViewStore } from './site-view-store.ts';

export interface HubViewProjectorOptions {
  readonly db: Kysely<HubTables>;
  readonly store: SiteViewStore;
  readonly views: readonly TableView[];
  readonly scheduler: SchedulerLike;
  /** A site replicated a batch (any value): fold at once. */
  readonly wake: Observable<unknown>;
  /**
   * The round run this long after the last one however quiet it is: it only matters when a wake-up
   * was lost (the listening connection down, another process on a `sqlite:` hub).
   */
  readonly safetyRoundMs: number;
  /**
   * The next round after one that found a site held (by another replica, the API opening its
   * tables, an audit): the holder may not fold what this replica was woken for.
   */
  readonly heldRetryMs: number;
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
 * the work and never repeat it, and one that dies leaves nothing half-done. A round runs when a
 * batch was ingested (`wake`) and otherwise only every `safetyRoundMs`: an idle hub asks its
 * database nothing in between. Nothing is kept in memory but which sites' tables this process has
 * already opened.
 */
export function startHubViewProjector(options: HubViewProjectorOptions): HubViewProjector {
  const { db, store, views } = options;
  const maxBatch = options.maxBatch ?? 2_000;
  // The registration (`added_at`) each site's tables were opened under: a site removed and added
  // again has had its views dropped, so they are opened (created) anew.
  const opened = new Map<string, string>();
  // How far each site's views were found current here: a site whose acknowledged position has not
  // moved past it needs no transaction (an idle round costs one read, however many sites).
  const currentAt = new Map<string, number>();
  let stopped = false;
  let next: Subscription | undefined;
  let running: Promise<void> = Promise.resolve();
  let heldElsewhere = false;

  const projectSite = async (siteId: string, registered: string, acknowledged: number) => {
    if (opened.has(siteId) && opened.get(siteId) !== registered) {
      opened.delete(siteId);
      currentAt.delete(siteId);
    }
    if (acknowledged <= (currentAt.get(siteId) ?? -1)) return;
    if (!opened.has(siteId)) {
      // A site another replica is folding is left to it until a later round.
      if (!(await openSiteViews(store, siteId, views, false))) {
        heldElsewhere = true;
        return;
      }
      opened.set(siteId, registered);
    }
    for (;;) {
      const folded = await projectSiteBatch(db, store, siteId, views, maxBatch);
      if (folded === 'busy') heldElsewhere = true;
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
        heldElsewhere = false;
        const sites = await db
          .selectFrom('hub_sites')
          .innerJoin('hub_site_summary', 'hub_site_summary.site_id', 'hub_sites.site_id')
          .select(['hub_sites.site_id', 'hub_sites.added_at', 'hub_site_summary.acknowledged_position'])
          .$if(options.sites !== undefined, (query) =>
            query.where('hub_sites.site_id', 'in', options.sites as string[]),
          )
          .orderBy('hub_sites.site_id')
          .execute();
        const listed = new Set(sites.map((site) => site.site_id));
        for (const siteId of opened.keys()) {
          if (listed.has(siteId)) continue;
          opened.delete(siteId);
          currentAt.delete(siteId);
        }
        for (const { site_id, added_at, acknowledged_position } of sites) {
          if (stopped) return;
          await projectSite(site_id, added_at, Number(acknowledged_position)).catch((error: unknown) =>
            options.onError(error, site_id),
          );
        }
      });
    return running;
  };

  // A wake-up during a round asks for one more after it: the round may have read the site list
  // before the batch committed. Wake-ups meanwhile fold into that one.
  let inRound = false;
  let again = false;
  const loop = () => {
    if (stopped) return;
    next?.unsubscribe();
    next = undefined;
    if (inRound) {
      again = true;
      return;
    }
    inRound = true;
    round()
      .catch((error: unknown) => options.onError(error, '*'))
      .finally(() => {
        inRound = false;
        if (stopped) return;
        if (again) {
          again = false;
          loop();
        } else
          next = options.scheduler.schedule(
            loop,
            heldElsewhere ? options.heldRetryMs : options.safetyRoundMs,
          );
      });
  };
  const woken = options.wake.subscribe(() => loop());
  loop();

  return {
    round,
    stop: async () => {
      stopped = true;
      woken.unsubscribe();
      next?.unsubscribe();
      await running.catch(() => undefined);
    },
  };
}
