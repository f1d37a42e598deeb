import { type EventToAppend, eventToAppend, streams } from '../events.ts';
import type { PrintJobView } from '../queue/print-job-view.ts';
import { type PrinterStatus, printableStatuses } from '../status.ts';

/** What the fallback watcher knows of one printer and its fallback when it decides. */
export interface FallbackSituation {
  readonly printer: string;
  readonly fallback: string;
  /** The monitor's last word on the printer, and since when it holds. */
  readonly status: PrinterStatus;
  readonly since?: string;
  readonly fallbackStatus: PrinterStatus;
  /** Whether the log says the printer is failed over now. */
  readonly failedOver: boolean;
  /** How many fail-overs and fail-backs of this printer the log holds: numbers the next one's id. */
  readonly changes: number;
  /** The printer's tickets that could move: waiting for it, nobody printing them. */
  readonly waiting: readonly PrintJobView[];
  readonly now: Date;
  readonly afterMs: number;
}

/** What to append (each moved ticket only if nobody touched it since it was read), and when to look again. */
export interface FallbackDecision {
  readonly events: EventToAppend[];
  readonly expectedVersion: Readonly<Record<string, number>>;
  readonly wakeAt?: string;
}

/** Down as a person means it: the monitor sees it, and it cannot print (not merely unprobed). */
function isDown(status: PrinterStatus): boolean {
  return status !== 'unknown' && !printableStatuses.includes(status);
}

/**
 * Moves a ticket to the fallback. An attempt that reached the first printer may have put part of
 * the ticket on its paper, so the copy on the fallback says POSSIBLE DUPLICATE.
 */
function reroute(job: PrintJobView, to: string): EventToAppend<'PrintJobRerouted'> {
  const reached = job.possibleDuplicate || job.attempts > 0 || job.lastFailureCounted === true;
  return eventToAppend(
    'PrintJobRerouted',
    streams.printJob(job.jobId),
    `print-job-rerouted:${job.jobId}#${job.version + 1}`,
    { jobId: job.jobId, from: job.printer, to, possibleDuplicate: reached },
  );
}

/**
 * Whether a printer's tickets go to its fallback. Once the printer has been down for `afterMs`
 * with tickets waiting (and the fallback can print), it fails over: its waiting tickets move, and
 * so do those that arrive while it stays down. Once it prints again it fails back, and new tickets
 * go to it again; the ones already moved stay where they are, so no ticket prints on both.
 */
export function decideFallback(situation: FallbackSituation): FallbackDecision {
  const { printer, fallback, now, waiting } = situation;
  const down = isDown(situation.status);
  const nothing: FallbackDecision = { events: [], expectedVersion: {} };
  if (situation.failedOver && !down) {
    const back = eventToAppend(
      'PrinterFailedBack',
      streams.printer(printer),
      `printer-failed-back:${printer}#${situation.changes + 1}`,
      { printer, fallback },
    );
    return { events: [back], expectedVersion: {} };
  }
  if (!down || waiting.length === 0 || isDown(situation.fallbackStatus)) return nothing;
  const events: EventToAppend[] = [];
  if (!situation.failedOver) {
    const since = situation.since ?? now.toISOString();
    const dueAt = Date.parse(since) + situation.afterMs;
    if (dueAt > now.getTime()) return { ...nothing, wakeAt: new Date(dueAt).toISOString() };
    events.push(
      eventToAppend(
        'PrinterFailedOver',
        streams.printer(printer),
        `printer-failed-over:${printer}#${situation.changes + 1}`,
        { printer, fallback, downSince: since, waiting: waiting.length },
      ),
    );
  }
  const moved = waiting.map((job) => reroute(job, fallback));
  const expectedVersion = Object.fromEntries(
    waiting.map((job) => [streams.printJob(job.jobId), job.version]),
  );
  return { events: [...events, ...moved], expectedVersion };
}
