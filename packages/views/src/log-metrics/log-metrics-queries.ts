import type { LogCounter, PrintLatency } from '@bonrelay/domain';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { LogCountersTable, PrintLatencyBucketsTable, PrintLatencyTable } from '../view-schema.ts';
import { printLatencyFromRows } from './log-metric-rows.ts';

/** One counter's total for one label set. */
export interface LogCounterTotal {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** What `/metrics` asks of the log metrics tables at each scrape. */
export interface LogMetricQueries {
  /** A counter's totals, in the order their label sets first appeared in the log. */
  counter(counter: LogCounter): LogCounterTotal[];
  /** Print latency per ticket kind, in the order each was first observed. */
  printLatencies(): PrintLatency[];
}

const statements = {
  counter: statementOf(
    sql.selectFrom('log_counters').select(['labels', 'value']).where('counter', '=', '').orderBy('since'),
  ),
  latencies: statementOf(sql.selectFrom('print_latency').selectAll().orderBy('since')),
  buckets: statementOf(
    sql
      .selectFrom('print_latency_buckets')
      .select(['ticket', 'le', 'observations'])
      .orderBy('ticket')
      .orderBy('le'),
  ),
};

/** Reads the counters and the histogram as rows: a handful per scrape, however long the log. */
export function logMetricQueries(connection: ViewConnection): LogMetricQueries {
  return {
    counter: (counter) =>
      connection
        .prepare<Pick<LogCountersTable, 'labels' | 'value'>>(statements.counter)
        .all(counter)
        .map((row) => ({ labels: JSON.parse(row.labels) as Record<string, string>, value: row.value })),
    printLatencies: () => {
      const buckets = connection.prepare<PrintLatencyBucketsTable>(statements.buckets).all();
      return connection
        .prepare<PrintLatencyTable>(statements.latencies)
        .all()
        .map((row) =>
          printLatencyFromRows(
            row,
            buckets.filter((bucket) => bucket.ticket === row.ticket),
          ),
        );
    },
  };
}
