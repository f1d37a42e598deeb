import { connectivityMode, type InternetStatus, type PrinterStatus } from '@bonrelay/domain';
import type { Kysely } from 'kysely';
import type { HubTables } from './hub-tables.ts';

/** One row of `GET /api/sites`: what an operations lead checks first for each restaurant. */
export interface SiteOverview {
  readonly site: string;
  readonly wixInstance: string | null;
  readonly lastContactAt: string | null;
  readonly replicatedPosition: number;
  readonly lastEventAt: string | null;
  readonly mode: string;
  readonly internet: string;
  readonly printers: Record<string, string>;
  readonly queueDepth: number;
  readonly replicationRefused: { readonly at: string; readonly reason: string | null } | null;
}

/** The site's mode from its last printer and internet states, judged exactly as its own dashboard does. */
function modeOf(internet: string, printers: Record<string, string>): string {
  return connectivityMode({
    internet: { status: internet as InternetStatus, failedTargets: [] },
    printers: Object.fromEntries(
      Object.entries(printers).map(([printer, status]) => [
        printer,
        { printer, status: status as PrinterStatus, since: '', reason: '', breaker: 'closed' as const },
      ]),
    ),
  });
}

/**
 * Every registered site from its summary row: one indexed read however long the sites' histories
 * are, so the group's overview stays fast with a hundred restaurants.
 */
export async function siteOverviews(db: Kysely<HubTables>): Promise<SiteOverview[]> {
  const rows = await db
    .selectFrom('hub_sites')
    .innerJoin('hub_site_summary', 'hub_site_summary.site_id', 'hub_sites.site_id')
    .select([
      'hub_sites.site_id',
      'hub_sites.wix_instance',
      'hub_site_summary.last_contact_at',
      'hub_site_summary.acknowledged_position',
      'hub_site_summary.last_event_at',
      'hub_site_summary.internet',
      'hub_site_summary.printers',
      'hub_site_summary.queue_depth',
      'hub_site_summary.refused_at',
      'hub_site_summary.refused_reason',
    ])
    .orderBy('hub_sites.site_id')
    .execute();
  return rows.map((row) => {
    const printers = JSON.parse(row.printers) as Record<string, string>;
    return {
      site: row.site_id,
      wixInstance: row.wix_instance,
      lastContactAt: row.last_contact_at,
      replicatedPosition: Number(row.acknowledged_position),
      lastEventAt: row.last_event_at,
      mode: modeOf(row.internet, printers),
      internet: row.internet,
      printers,
      queueDepth: Number(row.queue_depth),
      replicationRefused: row.refused_at ? { at: row.refused_at, reason: row.refused_reason } : null,
    };
  });
}

export interface SiteEventsQuery {
  readonly site?: string;
  readonly after?: number;
  readonly limit: number;
  readonly types?: readonly string[];
}

/**
 * Replicated events as stored (sealed fields stay sealed), each carrying its `site`. With `site`
 * they page by that site's position; across sites they page by (site, position).
 */
export async function siteEvents(db: Kysely<HubTables>, query: SiteEventsQuery) {
  let select = db.selectFrom('hub_site_events').selectAll();
  if (query.site !== undefined) select = select.where('site_id', '=', query.site);
  if (query.after !== undefined) select = select.where('position', '>', query.after);
  if (query.types !== undefined && query.types.length > 0)
    select = select.where('type', 'in', [...query.types]);
  const rows = await select
    .orderBy('site_id')
    .orderBy('position')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((row) => ({
      site: row.site_id,
      position: Number(row.position),
      id: row.id,
      stream: row.stream,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion: row.schema_version,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as unknown,
      recordedAt: row.recorded_at,
      hash: row.hash,
    })),
    next:
      rows.length > query.limit && query.site !== undefined ? Number(page[page.length - 1]?.position) : null,
  };
}
