import { offlinePeriodsQuerySchema, ordersQuerySchema, printJobsQuerySchema } from '@bonrelay/api';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { HubViewQueries, SitePage } from './hub-view-queries.ts';

const site = { site: z.string().max(100).optional() };

async function answer<Row>(
  c: Context,
  key: string,
  parsed: { success: true; data: { site?: string | undefined } } | { success: false; error: z.ZodError },
  page: (site: string | undefined) => Promise<SitePage<Row> | undefined>,
) {
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return c.json({ error: 'bad-query', message: `${issue?.path.join('.')}: ${issue?.message}` }, 400);
  }
  const found = await page(parsed.data.site);
  if (found === undefined) return c.json({ error: 'not-found', message: 'no such site' }, 404);
  return c.json({ [key]: found.items, next: found.next });
}

/**
 * The sites' views on the hub: the routes a site answers, with `?site=` for one restaurant (its own
 * answer, each row carrying `site`) or the whole group without it. Filters and limits are read as
 * strictly as on a site.
 */
export function addHubViewRoutes(people: Hono, views: HubViewQueries): void {
  const orders = ordersQuerySchema.extend(site);
  const printJobs = printJobsQuerySchema.extend(site);
  const offlinePeriods = offlinePeriodsQuerySchema.extend(site);
  people.get('/api/orders', (c) => {
    const parsed = orders.safeParse(c.req.query());
    return answer(c, 'orders', parsed, (siteId) => views.orders(siteId, parsed.data!));
  });
  people.get('/api/print-jobs', (c) => {
    const parsed = printJobs.safeParse(c.req.query());
    return answer(c, 'printJobs', parsed, (siteId) => views.printJobs(siteId, parsed.data!));
  });
  people.get('/api/offline-periods', (c) => {
    const parsed = offlinePeriods.safeParse(c.req.query());
    return answer(c, 'offlinePeriods', parsed, (siteId) => views.offlinePeriods(siteId, parsed.data!));
  });
}
