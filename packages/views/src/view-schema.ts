/**
 * The read tables as kysely sees them. They are real rows a person could query with `sqlite3`:
 * one per print job, one per printer and state count, one per order, one per business day, and
 * each view's checkpoint. Booleans are integers (0/1) and times ISO 8601 text, so the same SQL
 * runs on SQLite and PostgreSQL.
 */
export interface PrintJobsTable {
  job_id: string;
  order_id: string;
  ticket: string;
  printer: string;
  priority: string;
  priority_rank: number;
  ticket_rank: number;
  reprint: number;
  possible_duplicate: number;
  state: string;
  /** 1 while the job waits for its printer (queued or retry-wait): the saga's index covers only these. */
  waiting: number;
  /** 1 when the last failure was the printer being off, out of paper or open: due once it is back. */
  waits_for_printer: number;
  attempts: number;
  total_attempts: number;
  next_attempt_at: string | null;
  not_before: string | null;
  slot_starts_at: string | null;
  fallback_for: string | null;
  last_failure: string | null;
  last_failure_counted: number | null;
  last_failed_at: string | null;
  last_detail: string | null;
  confirmation: string | null;
  queued_at: string;
  printed_at: string | null;
  updated_at: string;
  sequence: number;
  version: number;
}

/** Jobs per printer per state, kept by the projection so a status query never counts rows. */
export interface PrintJobCountsTable {
  printer: string;
  state: string;
  jobs: number;
}

/** One row per printer: what its monitor last saw, its breaker, and where its saga resumes. */
export interface PrintersTable {
  printer: string;
  status: string;
  since: string;
  reason: string;
  latency_ms: number | null;
  breaker: string;
  breaker_since: string | null;
  breaker_changes: number;
  consecutive_failures: number;
  paused_by: string | null;
}

/** The one row of the internet's status (`id` 1); failed probe targets as a JSON array. */
export interface InternetTable {
  id: number;
  status: string;
  since: string | null;
  failed_targets: string;
}

/**
 * One row per outage of a printer or the internet, keyed by the log position of the status change
 * that began it; `ended_at` is null while it goes on. Order ids and probe targets are JSON arrays.
 */
export interface OfflinePeriodsTable {
  id: number;
  component: string;
  started_at: string;
  ended_at: string | null;
  /** `ended_at - started_at` once ended, so totals need no date arithmetic in SQL. */
  duration_ms: number | null;
  cause: string;
  failed_targets: string | null;
  orders_received: string;
  jobs_buffered: number;
  backlog_pending: number;
  backlog_last_printed_at: string | null;
  backlog_printed_after_ms: number | null;
  /** The fail-over during the outage, as JSON (`OfflineFallback`), or null. */
  fallback: string | null;
}

/** Jobs queued during an outage that have not printed (or been cancelled) yet, and that outage. */
export interface OfflineBufferedJobsTable {
  job_id: string;
  period_id: number;
}

/**
 * One row per order. The personal fields (name, phone, email, address, delivery instructions, note)
 * sit apart in `personal`, sealed for the guest, so `order_data` holds nothing that names anyone.
 */
export interface OrdersTable {
  order_id: string;
  /** Log position of the receipt: the list's order and its keyset cursor. */
  sequence: number;
  number: string | null;
  source: string;
  status: string;
  payment_status: string | null;
  ticket_number: number;
  business_day: string;
  received_at: string;
  updated_at: string;
  canceled: number;
  cancel_reason: string | null;
  /** The guest's pseudonym: whose data key seals `personal`. */
  customer_id: string | null;
  /** The order without its personal fields, as JSON. */
  order_data: string;
  /** The personal fields as the sealing port stored them; null when the order names nobody. */
  personal: string | null;
}

/** The last ticket number handed out per business day. */
export interface BusinessDaysTable {
  business_day: string;
  last_ticket_number: number;
}

/**
 * The counters that are facts of the log, one row per counter and label set. `labels` is the label
 * set as JSON with sorted keys; `since` is the log position of its first step, the order Prometheus
 * has always listed them in.
 */
export interface LogCountersTable {
  counter: string;
  labels: string;
  value: number;
  since: number;
}

/** Print latency per ticket kind: the sum (seconds) and count of its observations. */
export interface PrintLatencyTable {
  ticket: string;
  sum_seconds: number;
  observations: number;
  since: number;
}

/** Print latency buckets per ticket kind, cumulative: observations at or below `le` seconds. */
export interface PrintLatencyBucketsTable {
  ticket: string;
  le: number;
  observations: number;
}

/** Timed tickets not yet on paper nor withdrawn, with their order's receipt: the clock still runs. */
export interface PrintLatencyPendingTable {
  job_id: string;
  ticket: string;
  received_at: string;
}

/** How far each view has read the log, written in the same transaction as its rows. */
export interface ViewCheckpointsTable {
  view: string;
  version: number;
  position: number;
}

export interface ViewTables {
  orders: OrdersTable;
  business_days: BusinessDaysTable;
  print_jobs: PrintJobsTable;
  print_job_counts: PrintJobCountsTable;
  printers: PrintersTable;
  internet: InternetTable;
  offline_periods: OfflinePeriodsTable;
  offline_buffered_jobs: OfflineBufferedJobsTable;
  log_counters: LogCountersTable;
  print_latency: PrintLatencyTable;
  print_latency_buckets: PrintLatencyBucketsTable;
  print_latency_pending: PrintLatencyPendingTable;
  view_checkpoints: ViewCheckpointsTable;
}
