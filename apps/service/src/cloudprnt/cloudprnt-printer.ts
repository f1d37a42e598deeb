import { randomUUID } from 'node:crypto';
import type { PrinterProbeResult } from '@bonrelay/connectivity';
import { type PrinterStatus, type PrintFailure, printableStatuses } from '@bonrelay/domain';
import {
  type CloudprntMediaType,
  type CloudprntStatus,
  cloudprntMediaTypes,
  decodeCloudprntStatus,
  type PaperSettings,
  type PrintOutcome,
  readConfirmation,
  renderCloudprntJob,
} from '@bonrelay/printing';
import {
  firstValueFrom,
  type Observable,
  race,
  type SchedulerLike,
  Subject,
  type Subscription,
  timer,
} from 'rxjs';
import type { PrinterLink } from '../stations/printer-link.ts';
import type { CloudprntPoll, CloudprntPollAnswer } from './cloudprnt-poll.ts';

export interface CloudprntPrinterOptions {
  readonly name: string;
  readonly mac: string;
  readonly pollIntervalMs: number;
  readonly confirmTimeoutMs: number;
  readonly pollHoldMs: number;
  /** The dot width the paper suggests, until the printer tells its own. */
  readonly dotWidth: number;
  readonly scheduler: SchedulerLike;
  /** The status the log last recorded, assumed until the printer's first poll is due. */
  readonly recordedStatus: () => PrinterStatus | undefined;
}

/** The answer to a job fetch: the bytes in the media type asked for, or why not. */
export type CloudprntFetch =
  | { readonly ok: true; readonly contentType: CloudprntMediaType; readonly body: Buffer }
  | { readonly ok: false; readonly status: 404 | 415 | 500 };

/** One configured CloudPRNT printer: the print link the saga uses and the side its polls reach. */
export interface CloudprntPrinter {
  readonly name: string;
  readonly mac: string;
  readonly link: PrinterLink;
  /** Takes one poll; the answer may wait up to `pollHoldMs` for a ticket about to be offered. */
  poll(poll: CloudprntPoll): Promise<CloudprntPollAnswer>;
  /** The job the printer was offered, rendered as it asks; `token` undefined means "my current job". */
  fetch(token: string | undefined, mediaType: string): CloudprntFetch;
  /** The printer's word on its job; false when it names no job it holds. */
  confirm(token: string | undefined, code: string): boolean;
  /** Ends the job in flight (the service stops) and the timers. */
  stop(): void;
}

interface OfferedJob {
  readonly jobId: string;
  readonly token: string;
  readonly document: string;
  readonly paper: PaperSettings;
  readonly offeredAt: number;
  fetchedAt?: number;
  deadline: Subscription;
  readonly settle: (outcome: Outcome) => void;
}

/** A failure may say the ticket could be on paper; the saga then marks the next try. */
type Failure = Extract<PrintOutcome, { ok: false }> & { readonly possibleDuplicate?: boolean };
type Outcome = PrintOutcome | Failure;
const failed = (failure: PrintFailure, detail: string, reachedPrinter: boolean): Failure => ({
  ok: false,
  failure,
  detail,
  reachedPrinter,
});

/** A status that stops printing, as the failure the saga records (as the TCP transport does). */
function stoppedBy(status: PrinterStatus): PrintFailure {
  return status === 'paper-end' || status === 'cover-open' || status === 'offline' ? status : 'error';
}

/**
 * A Star CloudPRNT printer. Nothing reaches it: it polls, so "online" means "polled lately" and a
 * print is an offer it takes on its next poll. `print()` resolves only on the printer's own
 * confirmation, or when a deadline says it never will (silent for 3 poll intervals, not fetched,
 * or fetched and never confirmed — then it may be on paper, like a crash mid-print).
 */
export function cloudprntPrinter(options: CloudprntPrinterOptions): CloudprntPrinter {
  const { scheduler, pollIntervalMs } = options;
  const silenceMs = 3 * pollIntervalMs;
  const startedAt = scheduler.now();
  const observations$ = new Subject<PrinterProbeResult>();
  const offered$ = new Subject<void>();
  let lastPollAt: number | undefined;
  let lastStatus: CloudprntStatus | undefined;
  let learnedDotWidth: number | undefined;
  let job: OfferedJob | undefined;
  let silence: Subscription | undefined;
  /** Polls waiting for their answer: the printer is there, listening. */
  let heldPolls = 0;

  const silentFor = (now: number) => (heldPolls > 0 ? 0 : now - (lastPollAt ?? startedAt));
  const offline = (now: number): PrinterProbeResult => ({
    status: 'offline',
    latencyMs: 0,
    reason:
      lastPollAt === undefined
        ? `no CloudPRNT poll since the service started ${silentFor(now)} ms ago`
        : `no CloudPRNT poll for ${silentFor(now)} ms (expected every ${pollIntervalMs} ms)`,
  });
  const fromStatus = (status: CloudprntStatus): PrinterProbeResult => ({
    status: status.status,
    latencyMs: 0,
    reason: `CloudPRNT ${[status.code, status.text].filter(Boolean).join(' ')}`,
  });

  function current(): PrinterProbeResult {
    const now = scheduler.now();
    if (silentFor(now) >= silenceMs) return offline(now);
    if (lastStatus) return fromStatus(lastStatus);
    if (lastPollAt !== undefined) return { status: 'online', latencyMs: 0, reason: 'CloudPRNT poll' };
    return {
      status: options.recordedStatus() ?? 'unknown',
      latencyMs: 0,
      reason: 'waiting for the first CloudPRNT poll',
    };
  }

  function settle(outcome: Outcome): void {
    const settled = job;
    if (!settled) return;
    job = undefined;
    settled.deadline.unsubscribe();
    settled.settle(outcome);
  }

  function armSilence(): void {
    silence?.unsubscribe();
    silence = scheduler.schedule(() => {
      if (heldPolls > 0) return;
      const now = scheduler.now();
      observations$.next(offline(now));
      if (job && job.fetchedAt === undefined) settle(failed('offline', offline(now).reason ?? '', false));
    }, silenceMs);
  }

  function confirmDeadline(offered: OfferedJob): Subscription {
    return scheduler.schedule(() => {
      if (job !== offered) return;
      settle({
        ...failed(
          'timeout',
          `CloudPRNT printer fetched the job and did not confirm it within ${options.confirmTimeoutMs} ms`,
          true,
        ),
        possibleDuplicate: true,
      });
    }, options.confirmTimeoutMs);
  }

  function offer(document: string, paper: PaperSettings, jobId: string): Promise<Outcome> {
    return new Promise((resolve) => {
      const offered: OfferedJob = {
        jobId,
        token: randomUUID(),
        document,
        paper,
        offeredAt: scheduler.now(),
        deadline: scheduler.schedule(() => {
          if (job !== offered || offered.fetchedAt !== undefined) return;
          settle(
            failed(
              'timeout',
              `CloudPRNT printer did not fetch the job within ${options.confirmTimeoutMs} ms`,
              false,
            ),
          );
        }, options.confirmTimeoutMs),
        settle: resolve,
      };
      job = offered;
      offered$.next();
    });
  }

  const link: PrinterLink = {
    print: async (document, paper, jobId) => {
      if (job) return failed('error', `CloudPRNT printer still holds job ${job.jobId}`, false);
      const now = current();
      if (now.status === 'offline') return failed('offline', now.reason ?? 'offline', false);
      if (lastStatus && !printableStatuses.includes(lastStatus.status)) {
        return failed(stoppedBy(lastStatus.status), `printer reports ${now.reason}; job not offered`, false);
      }
      return offer(document, paper, jobId);
    },
    probe: async () => current(),
    observations$: observations$ as Observable<PrinterProbeResult>,
  };

  function answer(): CloudprntPollAnswer {
    if (job && job.fetchedAt === undefined) {
      return { jobReady: true, mediaTypes: cloudprntMediaTypes, jobToken: job.token };
    }
    return learnedDotWidth === undefined
      ? { jobReady: false, clientAction: [{ request: 'PageInfo', options: '' }] }
      : { jobReady: false };
  }

  armSilence();
  return {
    name: options.name,
    mac: options.mac,
    link,
    poll: async (poll) => {
      const before = current().status;
      lastPollAt = scheduler.now();
      if (poll.dotWidth !== undefined) learnedDotWidth = poll.dotWidth;
      if (poll.statusCode !== undefined) lastStatus = decodeCloudprntStatus(poll.statusCode);
      armSilence();
      const seen = current();
      if (seen.status !== before) observations$.next(seen);
      if (job && job.fetchedAt === undefined && !printableStatuses.includes(seen.status)) {
        settle(failed(stoppedBy(seen.status), `printer reports ${seen.reason}; job not fetched`, false));
      }
      if (!job && options.pollHoldMs > 0) {
        // A printer waiting for the answer is not silent: its silence starts when it has one.
        heldPolls += 1;
        await firstValueFrom(race(offered$, timer(options.pollHoldMs, scheduler)));
        heldPolls -= 1;
        lastPollAt = scheduler.now();
        armSilence();
      }
      return answer();
    },
    fetch: (token, mediaType) => {
      if (!job || (token !== undefined && token !== job.token)) return { ok: false, status: 404 };
      const type = cloudprntMediaTypes.find((known) => known === mediaType);
      if (!type) return { ok: false, status: 415 };
      try {
        const body = renderCloudprntJob(job.document, job.paper, type, learnedDotWidth ?? options.dotWidth);
        if (job.fetchedAt === undefined) {
          job.fetchedAt = scheduler.now();
          job.deadline.unsubscribe();
          job.deadline = confirmDeadline(job);
        }
        return { ok: true, contentType: type, body };
      } catch (error) {
        settle(failed('error', `could not render the ticket as ${type}: ${String(error)}`, true));
        return { ok: false, status: 500 };
      }
    },
    confirm: (token, code) => {
      if (!job || (token !== undefined && token !== job.token)) return false;
      const confirmation = readConfirmation(code);
      if (confirmation.printed) {
        settle({ ok: true, confirmation: 'confirmed', latencyMs: scheduler.now() - job.offeredAt });
      } else {
        settle(failed(confirmation.failure, confirmation.detail, confirmation.reachedPrinter));
      }
      return true;
    },
    stop: () => {
      silence?.unsubscribe();
      if (job?.fetchedAt !== undefined) {
        settle({
          ...failed('timeout', 'the service stopped before the printer confirmed', true),
          possibleDuplicate: true,
        });
      } else {
        settle(failed('offline', 'the service stopped before the printer fetched the job', false));
      }
      observations$.complete();
    },
  };
}
