import {
  emptyPrintLatency,
  logCounterIncrementOf,
  observePrintLatency,
  type PrintLatency,
  printLatencyBuckets,
  printLatencySeconds,
  type TicketKind,
  timedTicketOf,
} from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { TableView } from '../table-view.ts';
import type { ViewConnection } from '../view-connection.ts';
import type {
  OrdersTable,
  PrintLatencyBucketsTable,
  PrintLatencyPendingTable,
  PrintLatencyTable,
} from '../view-schema.ts';
import { canonicalLabels, printLatencyFromRows } from './log-metric-rows.ts';

const ddl = [
  sql.schema
    .createTable('log_counters')
    .ifNotExists()
    .addColumn('counter', 'text', (column) => column.notNull())
    .addColumn('labels', 'text', (column) => column.notNull())
    .addColumn('value', 'bigint', (column) => column.notNull())
    .addColumn('since', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('log_counters_key', ['counter', 'labels']),
  sql.schema
    .createTable('print_latency')
    .ifNotExists()
    .addColumn('ticket', 'text', (column) => column.primaryKey())
    .addColumn('sum_seconds', 'double precision', (column) => column.notNull())
    .addColumn('observations', 'bigint', (column) => column.notNull())
    .addColumn('since', 'bigint', (column) => column.notNull()),
  sql.schema
    .createTable('print_latency_buckets')
    .ifNotExists()
    .addColumn('ticket', 'text', (column) => column.notNull())
    .addColumn('le', 'double precision', (column) => column.notNull())
    .addColumn('observations', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('print_latency_buckets_key', ['ticket', 'le']),
  sql.schema
    .createTable('print_latency_pending')
    .ifNotExists()
    .addColumn('job_id', 'text', (column) => column.primaryKey())
    .addColumn('ticket', 'text', (column) => column.notNull())
    .addColumn('received_at', 'text', (column) => column.notNull()),
].map((statement) => `${statementOf(statement)};`);

const addToCounter = statementOf(
  sql
    .insertInto('log_counters')
    .values({ counter: '', labels: '', value: 0, since: 0 })
    .onConflict((conflict) =>
      conflict.columns(['counter', 'labels']).doUpdateSet({
        value: (expression) => sqlTag`${expression.ref('log_counters.value')} + excluded.value`,
      }),
    ),
);
const selectReceipt = statementOf(
  sql.selectFrom('orders').select(['received_at', 'sequence']).where('order_id', '=', ''),
);
const selectPending = statementOf(
  sql.selectFrom('print_latency_pending').selectAll().where('job_id', '=', ''),
);
const upsertPending = statementOf(
  sql
    .insertInto('print_latency_pending')
    .values({ job_id: '', ticket: '', received_at: '' })
    .onConflict((conflict) =>
      conflict.column('job_id').doUpdateSet((excluded) => ({
        ticket: excluded.ref('excluded.ticket'),
        received_at: excluded.ref('excluded.received_at'),
      })),
    ),
);
const deletePending = statementOf(sql.deleteFrom('print_latency_pending').where('job_id', '=', ''));
const selectLatency = statementOf(sql.selectFrom('print_latency').selectAll().where('ticket', '=', ''));
const selectBuckets = statementOf(
  sql.selectFrom('print_latency_buckets').select(['le', 'observations']).where('ticket', '=', ''),
);
const upsertLatency = statementOf(
  sql
    .insertInto('print_latency')
    .values({ ticket: '', sum_seconds: 0, observations: 0, since: 0 })
    .onConflict((conflict) =>
      conflict.column('ticket').doUpdateSet((excluded) => ({
        sum_seconds: excluded.ref('excluded.sum_seconds'),
        observations: excluded.ref('excluded.observations'),
      })),
    ),
);
const upsertBucket = statementOf(
  sql
    .insertInto('print_latency_buckets')
    .values({ ticket: '', le: 0, observations: 0 })
    .onConflict((conflict) =>
      conflict
        .columns(['ticket', 'le'])
        .doUpdateSet((excluded) => ({ observations: excluded.ref('excluded.observations') })),
    ),
);

/** A timed ticket as the batch leaves it: still timed, or settled (printed or withdrawn). */
type Pending = PrintLatencyPendingTable | 'settled';

/**
 * The log's counters and the print latency histogram as tables, so a restart reads them instead of
 * folding the whole log again. A timed ticket's clock starts at its order's receipt, read from the
 * orders table (so this view comes after it in a batch), and stops at its first print; only tickets
 * still on the way are kept, so nothing grows but the totals.
 */
export const logMetricsView: TableView = {
  name: 'log-metrics',
  version: 2,
  create: (connection) => connection.exec(ddl.join('\n')),
  drop: (connection) =>
    connection.exec(
      [
        'DROP TABLE IF EXISTS log_counters;',
        'DROP TABLE IF EXISTS print_latency;',
        'DROP TABLE IF EXISTS print_latency_buckets;',
        'DROP TABLE IF EXISTS print_latency_pending;',
      ].join(' '),
    ),
  writer: (connection: ViewConnection) => {
    const count = connection.prepare(addToCounter);
    const receipt = connection.prepare<Pick<OrdersTable, 'received_at' | 'sequence'>>(selectReceipt);
    const readPending = connection.prepare<PrintLatencyPendingTable>(selectPending);
    const writePending = connection.prepare(upsertPending);
    const removePending = connection.prepare(deletePending);
    const readLatency = connection.prepare<PrintLatencyTable>(selectLatency);
    const readBuckets =
      connection.prepare<Pick<PrintLatencyBucketsTable, 'le' | 'observations'>>(selectBuckets);
    const writeLatency = connection.prepare(upsertLatency);
    const writeBucket = connection.prepare(upsertBucket);
    return (events) => {
      const counters = new Map<string, { counter: string; labels: string; by: number; since: number }>();
      const pending = new Map<string, { stored: boolean; now: Pending | undefined; changed: boolean }>();
      const latencies = new Map<TicketKind, { latency: PrintLatency; since: number; changed: boolean }>();
      const pendingOf = (jobId: string) => {
        let entry = pending.get(jobId);
        if (entry === undefined) {
          const row = readPending.get(jobId);
          entry = { stored: row !== undefined, now: row, changed: false };
          pending.set(jobId, entry);
        }
        return entry;
      };
      const latencyOf = (ticket: TicketKind, position: number) => {
        let entry = latencies.get(ticket);
        if (entry === undefined) {
          const row = readLatency.get(ticket);
          entry =
            row === undefined
              ? { latency: emptyPrintLatency(ticket), since: position, changed: false }
              : {
                  latency: printLatencyFromRows(row, readBuckets.all(ticket)),
                  since: row.since,
                  changed: false,
                };
          latencies.set(ticket, entry);
        }
        return entry;
      };
      for (const event of events) {
        const increment = logCounterIncrementOf(event);
        if (increment !== undefined) {
          const labels = canonicalLabels(increment.labels);
          const key = `${increment.counter}\u0000${labels}`;
          const current = counters.get(key) ?? {
            counter: increment.counter,
            labels,
            by: 0,
            since: event.position,
          };
          counters.set(key, { ...current, by: current.by + increment.by });
        }
        const timed = timedTicketOf(event);
        if (timed !== undefined) {
          const entry = pendingOf(timed.jobId);
          if (entry.now !== undefined && entry.now !== 'settled') continue;
          const order = receipt.get(timed.orderId);
          // A ticket queued before its order was received has no start to time from.
          if (order === undefined || order.sequence >= event.position) continue;
          entry.now = { job_id: timed.jobId, ticket: timed.ticket, received_at: order.received_at };
          entry.changed = true;
          continue;
        }
        if (event.type !== 'PrintJobPrinted' && event.type !== 'PrintJobCancelled') continue;
        const entry = pendingOf(event.data.jobId);
        const started = entry.now;
        if (started === undefined || started === 'settled') continue;
        entry.now = 'settled';
        entry.changed = true;
        if (event.type === 'PrintJobCancelled') continue;
        const latency = latencyOf(started.ticket as TicketKind, event.position);
        latency.latency = observePrintLatency(
          latency.latency,
          printLatencySeconds(started.received_at, event.recordedAt),
        );
        latency.changed = true;
      }
      for (const { counter, labels, by, since } of counters.values()) count.run(counter, labels, by, since);
      for (const [jobId, { stored, now, changed }] of pending) {
        if (!changed || now === undefined) continue;
        if (now !== 'settled') writePending.run(now.job_id, now.ticket, now.received_at);
        else if (stored) removePending.run(jobId);
      }
      for (const { latency, since, changed } of latencies.values()) {
        if (!changed) continue;
        writeLatency.run(latency.ticket, latency.sumSeconds, latency.count, since);
        printLatencyBuckets.forEach((le, index) => {
          writeBucket.run(latency.ticket, le, latency.buckets[index]);
        });
      }
    };
  },
};
