import type { PrintJobView } from '../queue/print-job-view.ts';

/**
 * What the saga asks of the print jobs table, one indexed question per decision, so deciding costs
 * the same on the first evening and after years of tickets. The table lags the log by up to one
 * flush: the saga excludes the jobs it has just written to and guards each start with the job's
 * stream version, so a stale row can delay a job but never print one wrongly.
 */
export interface PrinterJobs {
  /**
   * The ticket `printer` should print next: waiting, past its backoff (or failed only because the
   * printer was down, before `printerBackSince`), best priority first, leaving out `excluding`.
   * Times are the log's ISO 8601 strings.
   */
  nextDue(
    printer: string,
    now: string,
    printerBackSince: string | undefined,
    excluding: readonly string[],
  ): PrintJobView | undefined;
  /** When the printer's next retry falls due (undefined: none waits on a backoff). */
  earliestRetry(printer: string): string | undefined;
  /** When the printer's earliest held pre-order ticket falls due (undefined: none is held). */
  earliestHold(printer: string): string | undefined;
  /** Held tickets whose time has come, earliest first: the saga releases them together so they print by priority. */
  dueHolds(printer: string, now: string): PrintJobView[];
  /** Jobs the table shows being printed: after a crash, the ones that may be half on paper. */
  printing(printer: string): PrintJobView[];
}
