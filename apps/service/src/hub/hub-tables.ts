/** A restaurant the hub knows: only a hash of its token is kept, so a leaked database opens no site. */
export interface SiteTable {
  site_id: string;
  token_hash: string;
  wix_instance: string | null;
  added_at: string;
}

/** One site event exactly as the site stored it (sealed personal data stays sealed), in the site's order. */
export interface SiteEventTable {
  site_id: string;
  position: number;
  id: string;
  stream: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

/**
 * What the hub knows about a site at a glance, kept up to date during ingest so `GET /api/sites`
 * reads one row per site instead of folding every site's history.
 */
export interface SiteSummaryTable {
  site_id: string;
  acknowledged_position: number;
  last_hash: string;
  last_contact_at: string | null;
  last_event_at: string | null;
  internet: string;
  printers: string;
  queue_depth: number;
  refused_at: string | null;
  refused_reason: string | null;
  /** The last routed-order sequence handed out for this site (allocated under this row's lock). */
  routed_orders: number;
  /** The routed-order sequence the site has confirmed it holds durably. */
  order_cursor: number;
}

/** Print jobs a site has queued and not yet printed, given up or cancelled: its queue depth. */
export interface SiteOpenJobTable {
  site_id: string;
  job_id: string;
}

/** A Wix delivery the public webhook routed to a site, held until the site pulls it. */
export interface RoutedOrderTable {
  site_id: string;
  sequence: number;
  webhook_id: string;
  order_id: string | null;
  webhook: string;
  body: string | null;
  received_at: string;
}

/** The hub's own facts (an unroutable order, a refused replication), each once by its id. */
export interface HubEventTable {
  id: string;
  type: string;
  site_id: string | null;
  data: string;
  recorded_at: string;
}

export interface HubTables {
  hub_sites: SiteTable;
  hub_site_events: SiteEventTable;
  hub_site_summary: SiteSummaryTable;
  hub_site_open_jobs: SiteOpenJobTable;
  hub_routed_orders: RoutedOrderTable;
  hub_events: HubEventTable;
}
