import type { ReplicatedRow } from '../replication/replicated-row.ts';

/** How one batch moves a site's summary: its printers, internet and which print jobs are open. */
export interface SummaryChanges {
  readonly internet: string | undefined;
  readonly printers: Readonly<Record<string, string>>;
  /** Final state per job within the batch: true = waiting to print, false = done with. */
  readonly jobs: ReadonlyMap<string, boolean>;
}

const jobOpens = new Set(['PrintJobQueued', 'PrintJobRevived']);
const jobCloses = new Set(['PrintJobPrinted', 'PrintJobGaveUp', 'PrintJobCancelled']);

function fieldsOf(data: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Folds a batch of replicated events into the few facts `GET /api/sites` shows, so the hub never
 * has to replay a site's history to answer it. Pure; only the event types that matter are parsed.
 */
export function summaryChanges(rows: readonly ReplicatedRow[]): SummaryChanges {
  let internet: string | undefined;
  const printers: Record<string, string> = {};
  const jobs = new Map<string, boolean>();
  for (const row of rows) {
    const type = row[4];
    if (type === 'InternetStatusChanged') {
      const to = fieldsOf(row[6]).to;
      if (typeof to === 'string') internet = to;
    } else if (type === 'PrinterStatusChanged') {
      const { printer, to } = fieldsOf(row[6]);
      if (typeof printer === 'string' && typeof to === 'string') printers[printer] = to;
    } else if (jobOpens.has(type) || jobCloses.has(type)) {
      const jobId = fieldsOf(row[6]).jobId;
      if (typeof jobId === 'string') jobs.set(jobId, jobOpens.has(type));
    }
  }
  return { internet, printers, jobs };
}
