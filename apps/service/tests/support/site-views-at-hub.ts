import * as assert from 'uvu/assert';
import type { TestService } from './test-service.ts';

export type Row = Record<string, unknown> & { site?: string };
type Page = Record<string, Row[]> & { next: string | null };

/** The views a site answers and the hub answers for every site, with each answer's key. */
export const viewRoutes = [
  ['/api/orders', 'orders'],
  ['/api/print-jobs', 'printJobs'],
  ['/api/offline-periods', 'offlinePeriods'],
] as const;

/** Every row of a list route, page after page by its `next` (`limit` rows a page). */
export async function allRows(baseUrl: string, path: string, key: string, limit = 3): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await fetch(
      `${baseUrl}${path}${separator}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    assert.is(answer.status, 200, `${path}: ${answer.status}`);
    const page = (await answer.json()) as Page;
    rows.push(...(page[key] as Row[]));
    cursor = page.next;
  } while (cursor !== null);
  return rows;
}

/**
 * An order as the hub can know it: the site replicates its log as stored, the guest's personal
 * fields sealed with keys only the site holds, so on the hub they read as empty.
 */
export function sealedGuest(row: Row): Row {
  const order = row.order as Row;
  const fulfilment = order.fulfilment as Row | undefined;
  return {
    ...row,
    order: {
      ...order,
      ...(fulfilment?.address ? { fulfilment: { ...fulfilment, address: {} } } : {}),
      ...(order.customer ? { customer: {} } : {}),
    },
  };
}

/** Every view of every site as the site answers it, each row with its site: what the hub must answer. */
export async function sitesViews(
  sites: Record<string, TestService>,
): Promise<Record<string, Record<string, Row[]>>> {
  const expected: Record<string, Record<string, Row[]>> = {};
  for (const [, key] of viewRoutes) expected[key] = {};
  for (const [siteId, site] of Object.entries(sites)) {
    // Its views must have read its whole log first (the test service waits for that).
    await site.request('GET', '/health');
    for (const [path, key] of viewRoutes) {
      const rows = await allRows(site.url, path, key, 500);
      expected[key]![siteId] = rows.map((row) => ({
        site: siteId,
        ...(key === 'orders' ? sealedGuest(row) : row),
      }));
    }
  }
  return expected;
}
