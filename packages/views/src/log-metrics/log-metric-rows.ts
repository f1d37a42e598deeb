import { type PrintLatency, printLatencyBuckets, type TicketKind } from '@bonrelay/domain';
import type { PrintLatencyBucketsTable, PrintLatencyTable } from '../view-schema.ts';

/**
 * A label set as one key: JSON with sorted keys, so the same labels always find the same row
 * whichever order the event named them in.
 */
export function canonicalLabels(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** A ticket's latency read back from its row and its bucket rows (a bucket without a row is empty). */
export function printLatencyFromRows(
  row: PrintLatencyTable,
  buckets: readonly Pick<PrintLatencyBucketsTable, 'le' | 'observations'>[],
): PrintLatency {
  const byBound = new Map(buckets.map((bucket) => [bucket.le, bucket.observations]));
  return {
    ticket: row.ticket as TicketKind,
    buckets: printLatencyBuckets.map((le) => byBound.get(le) ?? 0),
    sumSeconds: row.sum_seconds,
    count: row.observations,
  };
}
