import {
  type ConnectivityView,
  connectivityMode,
  initialConnectivity,
  initialPrintQueue,
  type PrinterRecord,
  type PrintQueue,
  printerConnectivity,
  queueSummary,
  reduceConnectivity,
  reducePrintQueue,
} from '@bonrelay/domain';
import { bonrelayProjections } from '../../projections/bonrelay-views.ts';
import type { Projection } from '../../projections/projection.ts';
import { textOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';
import { foldLog } from '../fold-log.ts';

/** The queue as it stood at a moment of the past: folded in memory, for this one audit. */
const pastQueue: Projection<PrintQueue> = {
  name: 'print-queue',
  version: 1,
  initial: initialPrintQueue,
  reduce: reducePrintQueue,
};

/** Printers and internet as they were then: a handful of rows, folded in memory. */
const pastConnectivity: Projection<ConnectivityView<PrinterRecord>> = {
  name: 'connectivity',
  version: 1,
  initial: initialConnectivity,
  reduce: reduceConnectivity,
};

function parseUntil(text: string | undefined): { position?: number; time?: string } {
  if (text === undefined) return {};
  if (/^\d+$/.test(text)) return { position: Number(text) };
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`--until "${text}" is neither a log position nor a time`);
  return { time: time.toISOString() };
}

/**
 * `replay --until <time|position>`: rebuilds every view as it was at that moment and prints the
 * queue and connectivity then ("what did the queue look like at 19:55?").
 */
export function replayCommand(context: CliContext): number {
  const until = parseUntil(textOption(context.args, 'until'));
  const store = openLogForCli(context, 'read-only');
  try {
    const { orders } = bonrelayProjections(context.config);
    const printQueue = pastQueue;
    const connectivity = pastConnectivity;
    const progress = context.isTty
      ? (position: number, last: number) => process.stderr.write(`\rreplaying… ${position} / ${last}`)
      : undefined;
    const { states, position } = foldLog(store, { orders, printQueue, connectivity }, until, progress);
    if (progress) process.stderr.write('\n');
    const at = until.time ?? new Date().toISOString();
    const jobs = [...states.printQueue.jobs.values()].filter(
      (job) => job.state !== 'printed' && job.state !== 'cancelled',
    );
    const report = {
      replayedUntil: { position, time: until.time ?? null },
      connectivity: {
        mode: connectivityMode(states.connectivity),
        printers: Object.fromEntries(
          Object.entries(states.connectivity.printers).map(([name, row]) => [name, printerConnectivity(row)]),
        ),
        internet: states.connectivity.internet,
      },
      queue: queueSummary(states.printQueue, new Date(at)),
      waitingJobs: jobs.map((job) => ({
        jobId: job.jobId,
        printer: job.printer,
        ticket: job.ticket,
        priority: job.priority,
        state: job.state,
        attempts: job.attempts,
        queuedAt: job.queuedAt,
      })),
      orders: states.orders.received.size,
    };
    context.out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    store.close();
  }
}
