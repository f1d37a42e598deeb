import { randomUUID } from 'node:crypto';
import { eventToAppend, streams } from '@bonrelay/domain';
import type { SchedulerLike, Subscription } from 'rxjs';
import {
  type CatchUpFinding,
  type CatchUpOptions,
  type CatchUpReport,
  catchUpPass,
} from './catch-up-pass.ts';

export interface PeriodicCatchUpOptions extends CatchUpOptions {
  readonly scheduler: SchedulerLike;
  readonly intervalMs: number;
  /** False while the internet monitor says offline: the reconciliation on its return covers that time. */
  readonly online: () => boolean;
  /** Told what a pass had to bring in itself, with Wix's now, so the webhook path can be judged. */
  readonly onFindings: (findings: readonly CatchUpFinding[], wixNow: Date) => void;
  /** Told every pass's outcome (metrics, logs); nothing is appended for a quiet or failed pass. */
  readonly onPass: (report: CatchUpReport) => void;
  /** Told when recording a pass failed (the log is full or closed); the next tick tries again. */
  readonly onError: (error: unknown) => void;
}

export interface PeriodicCatchUp {
  /** Runs a pass now (or joins the one running): tests and a manager's click need not wait for the timer. */
  passNow(): Promise<CatchUpReport>;
  stop(): void;
}

/** The cursor the last recorded pass left, so a restart resumes in Wix's time rather than ours. */
function recordedCursor(options: PeriodicCatchUpOptions): { cursor?: string } {
  let cursor: string | undefined;
  for (const event of options.store.readStream(streams.reconciliation)) {
    if (event.type === 'WixCatchUpCompleted') cursor = (event.data as { cursor: string }).cursor;
  }
  return cursor === undefined ? {} : { cursor };
}

/**
 * Catch-up while everything looks fine: webhooks can stop while the internet is up (a broken tunnel,
 * an expired hostname), and then only asking Wix finds the orders. Every `intervalMs` one search for
 * what changed since the highest `updatedDate` seen (one request when all is well). A pass that
 * brings something in is recorded with its cursor; quiet and failed passes are only counted, so a
 * quiet evening does not grow the log by one event a minute.
 */
export function startPeriodicCatchUp(options: PeriodicCatchUpOptions): PeriodicCatchUp {
  let { cursor } = recordedCursor(options);
  let quietPasses = 0;
  let running: Promise<CatchUpReport> | undefined;
  let stopped = false;

  const pass = async (): Promise<CatchUpReport> => {
    const report = await catchUpPass(options, cursor);
    if (stopped) return report;
    if (report.ok) {
      cursor = report.cursor ?? cursor;
      if (report.appended + report.changed > 0 && report.cursor !== undefined) {
        options.store.append([
          eventToAppend('WixCatchUpCompleted', streams.reconciliation, `wix-catch-up:${randomUUID()}`, {
            from: report.from,
            cursor: report.cursor,
            found: report.found,
            appended: report.appended,
            changed: report.changed,
            unreadable: report.unreadable,
            quietPasses,
          }),
        ]);
        quietPasses = 0;
      } else {
        quietPasses++;
      }
      options.onFindings(report.findings, options.wixNow());
    }
    options.onPass(report);
    return report;
  };

  const passNow = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer: Subscription = options.scheduler.schedule(function tick() {
    if (stopped) return;
    if (options.online() && running === undefined) passNow().catch(options.onError);
    this.schedule(undefined, options.intervalMs);
  }, options.intervalMs);

  return {
    passNow,
    stop: () => {
      stopped = true;
      timer.unsubscribe();
    },
  };
}
