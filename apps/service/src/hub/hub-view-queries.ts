import type { OfflinePeriodsQuery, OrdersQuery, PrintJobsQuery } from '@bonrelay/api';
import type { OfflineComponent, OfflinePeriod } from '@bonrelay/domain';
import {
  type AsyncQueries,
  asyncQueries,
  type ConnectivityQueries,
  connectivityQueries,
  type OrderQueries,
  orderQueries,
  type PrintJobQueries,
  printJobQueries,
  type TableView,
} from '@bonrelay/views';
import type { Kysely } from 'kysely';
import { orderWithTickets } from '../orders/order-with-tickets.ts';
import type { HubTables } from './hub-tables.ts';
import { openSiteViews } from './project-site-views.ts';
import type { SiteViewStore } from './site-view-store.ts';

/** A page of one view's rows, each carrying its site; `next` continues it. */
export interface SitePage<Row> {
  readonly items: (Row & { readonly site: string })[];
  readonly next: string | null;
}

interface SiteQueries {
  readonly orders: AsyncQueries<OrderQueries>;
  readonly jobs: AsyncQueries<PrintJobQueries>;
  readonly connectivity: AsyncQueries<ConnectivityQueries>;
}

type SitePageOf<Row> = (
  queries: SiteQueries,
  cursor: string | undefined,
  limit: number,
) => Promise<{ items: Row[]; next: string | null }>;

function numberCursor(cursor: string | undefined): number | undefined {
  const value = cursor === undefined || cursor === '' ? undefined : Number.parseInt(cursor, 10);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function isoOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/**
 * The hub's answers from the sites' views: with a site, exactly that site's own answer with `site`
 * on each row (same filters, same cursor); without, the union, site after site in the order of
 * their ids, the cursor naming the site and its own cursor (`<site>/<cursor>`).
 */
export function hubViewQueries(
  db: Kysely<HubTables>,
  store: SiteViewStore,
  views: readonly TableView[],
  clock: () => Date,
) {
  // Keyed by the site's registration (`added_at`): a site removed and added again had its views
  // dropped, so its tables are opened (created) anew.
  const opened = new Map<string, { readonly registered: string; readonly queries: SiteQueries }>();
  const registrations = new Map<string, string>();
  const queriesOf = async (siteId: string): Promise<SiteQueries> => {
    const registered = registrations.get(siteId) ?? '';
    let open = opened.get(siteId);
    if (open === undefined || open.registered !== registered) {
      await openSiteViews(store, siteId, views);
      const connection = store.connection(siteId);
      open = {
        registered,
        queries: {
          orders: asyncQueries(connection, (sync) => orderQueries(sync)),
          jobs: asyncQueries(connection, printJobQueries),
          connectivity: asyncQueries(connection, connectivityQueries),
        },
      };
      opened.set(siteId, open);
    }
    return open.queries;
  };
  const siteIds = async () => {
    const rows = await db
      .selectFrom('hub_sites')
      .select(['site_id', 'added_at'])
      .orderBy('site_id')
      .execute();
    for (const row of rows) registrations.set(row.site_id, row.added_at);
    return rows.map((row) => row.site_id);
  };

  const pageOf = async <Row>(
    site: string | undefined,
    cursor: string | undefined,
    limit: number,
    page: SitePageOf<Row>,
  ): Promise<SitePage<Row> | undefined> => {
    const withSite = (siteId: string, rows: Row[]) => rows.map((row) => ({ site: siteId, ...row }));
    const known = await siteIds();
    if (site !== undefined) {
      if (!known.includes(site)) return undefined;
      const answer = await page(await queriesOf(site), cursor, limit);
      return { items: withSite(site, answer.items), next: answer.next };
    }
    const slash = cursor?.indexOf('/') ?? -1;
    const fromSite = cursor !== undefined && slash > 0 ? cursor.slice(0, slash) : undefined;
    let inner = fromSite === undefined ? undefined : cursor?.slice(slash + 1);
    const items: (Row & { site: string })[] = [];
    const remaining = fromSite === undefined ? known : known.filter((siteId) => siteId >= fromSite);
    for (const siteId of remaining) {
      if (items.length === limit) return { items, next: `${siteId}/` };
      const answer = await page(
        await queriesOf(siteId),
        siteId === fromSite ? inner : undefined,
        limit - items.length,
      );
      items.push(...withSite(siteId, answer.items));
      if (answer.next !== null) return { items, next: `${siteId}/${answer.next}` };
      inner = undefined;
    }
    return { items, next: null };
  };

  return {
    /** Orders with their tickets, newest first per site, as the site's own `/api/orders`. */
    orders: (site: string | undefined, query: OrdersQuery) =>
      pageOf(site, query.cursor, query.limit, async (queries, cursor, limit) => {
        const before = numberCursor(cursor);
        const page = await queries.orders.list({
          limit,
          ...(query.source ? { source: String(query.source) } : {}),
          ...(query.state ? { state: String(query.state) } : {}),
          ...(before !== undefined ? { before } : {}),
        });
        const items = [];
        for (const order of page.orders)
          items.push(orderWithTickets(order, await queries.jobs.jobsOfOrder(order.orderId)));
        return { items, next: page.next === null ? null : String(page.next) };
      }),
    /** Print jobs newest first per site, as the site's own `/api/print-jobs`. */
    printJobs: (site: string | undefined, query: PrintJobsQuery) =>
      pageOf(site, query.cursor, query.limit, async (queries, cursor, limit) => {
        const before = numberCursor(cursor);
        const jobs = await queries.jobs.list({
          limit,
          ...(query.state ? { state: String(query.state) } : {}),
          ...(query.printer ? { printer: String(query.printer) } : {}),
          ...(query.order ? { order: String(query.order) } : {}),
          ...(before !== undefined ? { before } : {}),
        });
        const last = jobs[jobs.length - 1];
        return { items: jobs, next: jobs.length === limit && last ? String(last.sequence) : null };
      }),
    /** Offline periods in the order they began per site, as the site's own `/api/offline-periods`. */
    offlinePeriods: (site: string | undefined, query: OfflinePeriodsQuery) =>
      pageOf(site, query.cursor, query.limit, async (queries, cursor, limit) => {
        const after = numberCursor(cursor);
        const from = isoOrUndefined(query.from);
        const to = isoOrUndefined(query.to);
        const page = await queries.connectivity.offlinePeriods({
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(query.component ? { component: String(query.component) as OfflineComponent } : {}),
          ...(after !== undefined ? { after } : {}),
          limit,
          now: clock().toISOString(),
        });
        return { items: page.periods, next: page.next === null ? null : String(page.next) };
      }),
    /** Each site's latest outage, for the group's overview. */
    lastOutages: async (): Promise<Map<string, OfflinePeriod>> => {
      const now = clock().toISOString();
      const outages = new Map<string, OfflinePeriod>();
      for (const siteId of await siteIds()) {
        const last = await (await queriesOf(siteId)).connectivity.lastOfflinePeriod(now);
        if (last !== undefined) outages.set(siteId, last);
      }
      return outages;
    },
    /** The site's views, for the audit that reads them as a site's CLI reads its own. */
    site: queriesOf,
  };
}

export type HubViewQueries = ReturnType<typeof hubViewQueries>;
