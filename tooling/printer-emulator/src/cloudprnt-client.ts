import { cloudprntStatusOf, describeFetched } from './cloudprnt-status.ts';
import type { EmulatedJob } from './emulator.ts';
import type { FaultMode } from './fault-mode.ts';

/** One job the emulated Star printer fetched, with the media type it chose. */
export interface CloudprntEmulatedJob extends EmulatedJob {
  readonly mediaType: string;
  /** The confirmation code it sent back (`200 OK`, `520 …`), or undefined when it never confirmed. */
  readonly confirmedWith: string | undefined;
}

/** How to start an emulated CloudPRNT printer; every field has a default that suits a test. */
export interface CloudprntEmulatorOptions {
  /** The printer's MAC, as the service's `cloudprnt://` URL names it. */
  readonly mac?: string;
  /** HTTP Basic credentials it sends, as set on a real printer's web page. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Between polls (a real printer: 5 s by default); it polls again at once after a job. */
  readonly pollIntervalMs?: number;
  /** Media types it prints, best first (default PNG only, like most CloudPRNT devices). */
  readonly mediaTypes?: readonly string[];
  readonly mode?: FaultMode;
  /** Print width in mm it reports for PageInfo (72 mm at 8 dots/mm = 576 dots; 48 mm = 384). */
  readonly printWidthMm?: number;
  /** In `slow` mode, how long printing takes before it confirms. */
  readonly slowPrintMs?: number;
  /**
   * In `slow` mode without `slowPrintMs`: the pace it prints a job's bytes at, so a suite that runs
   * over every transport asks each for the same slow printer.
   */
  readonly slowBytesPerSecond?: number;
  /** Confirms with `GET …&delete` instead of `DELETE`, as some clients are set up to. */
  readonly confirmWithGet?: boolean;
}

/** A running emulated Star CloudPRNT printer: it polls the service over real HTTP. */
export interface CloudprntEmulator {
  readonly mac: string;
  readonly mode: FaultMode;
  /** Switches the fault mode; `offline` stops polling, leaving it resumes. */
  setMode(mode: FaultMode): Promise<void>;
  /** Starts polling `pollUrl` (`http://host:port/cloudprnt`). */
  attach(pollUrl: string): void;
  /** Stops polling: the printer is switched off or its Wi-Fi is gone. Resolves once no request is in flight. */
  stopPolling(): Promise<void>;
  resumePolling(): void;
  /** Answers every job with this code instead of what the mode would (`510 …`, `599 …`); undefined ends it. */
  confirmJobsWith(code: string | undefined): void;
  readonly jobs: readonly CloudprntEmulatedJob[];
  /** Polls answered so far. */
  readonly polls: number;
  onJob(listener: (job: CloudprntEmulatedJob) => void): () => void;
  /** Resolves with the printed jobs once at least `count` are on paper; rejects after `timeoutMs`. */
  waitForPrinted(count: number, timeoutMs?: number): Promise<CloudprntEmulatedJob[]>;
  close(): Promise<void>;
}

interface PollAnswer {
  readonly jobReady?: boolean;
  readonly mediaTypes?: readonly string[];
  readonly jobToken?: string;
  readonly clientAction?: readonly { readonly request: string }[];
}

/**
 * Starts an emulated Star CloudPRNT printer. It does what an mC-Print3 does: polls with its status
 * code, fetches an offered job in the first media type it supports, prints it and confirms it — and,
 * on demand, each way a real one goes wrong, expressed as the status and confirmation codes it sends
 * (paper out, cover open, a download that failed, a job it fetched and never confirmed, silence).
 */
export function startCloudprntEmulator(options: CloudprntEmulatorOptions = {}): CloudprntEmulator {
  const mac = options.mac ?? '00:11:62:00:00:01';
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const supported = options.mediaTypes ?? ['image/png'];
  const jobs: CloudprntEmulatedJob[] = [];
  const listeners = new Set<(job: CloudprntEmulatedJob) => void>();
  let mode: FaultMode = options.mode ?? 'online';
  let pollUrl: string | undefined;
  let polling = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let forcedCode: string | undefined;
  let pageInfoAsked = false;
  let polls = 0;
  const authorization = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
    : undefined;
  const headers = (extra: Record<string, string> = {}) => ({
    ...extra,
    ...(authorization ? { authorization } : {}),
  });
  const slowPrintMsFor = (size: number) =>
    options.slowPrintMs ??
    (options.slowBytesPerSecond ? Math.ceil((size * 1000) / options.slowBytesPerSecond) : 1000);
  const query = (params: Record<string, string>) =>
    new URLSearchParams({ mac, ...params }).toString().replaceAll('%3A', ':');

  function record(job: CloudprntEmulatedJob): void {
    jobs.push(job);
    for (const listener of listeners) listener(job);
  }

  async function confirm(token: string | undefined, code: string): Promise<void> {
    const params = query({ code, ...(token ? { token } : {}) });
    if (options.confirmWithGet) {
      await fetch(`${pollUrl}?${params}&delete`, { headers: headers() });
    } else {
      await fetch(`${pollUrl}?${params}`, { method: 'DELETE', headers: headers() });
    }
  }

  async function takeJob(answer: PollAnswer): Promise<void> {
    const token = answer.jobToken;
    const mediaType = (answer.mediaTypes ?? []).find((type) => supported.includes(type));
    if (!mediaType) return confirm(token, forcedCode ?? '510 Media type not supported');
    const response = await fetch(`${pollUrl}?${query({ type: mediaType, ...(token ? { token } : {}) })}`, {
      headers: headers(),
    });
    if (!response.ok) return;
    const bytes = Buffer.from(await response.arrayBuffer());
    const onPaper = forcedCode === undefined && mode !== 'blackhole' && mode !== 'reset-mid-job';
    const code = forcedCode ?? (mode === 'reset-mid-job' ? '520 Download timeout' : '200 OK');
    const silent = forcedCode === undefined && (mode === 'blackhole' || mode === 'mute');
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowPrintMsFor(bytes.length)));
    const job: CloudprntEmulatedJob = {
      id: jobs.length + 1,
      bytes,
      text: describeFetched(mediaType, bytes),
      receivedAt: new Date(),
      complete: onPaper,
      mediaType,
      confirmedWith: silent ? undefined : code,
    };
    record(job);
    if (!silent) await confirm(token, code);
  }

  async function cycle(): Promise<void> {
    let tookJob = false;
    try {
      const pageInfo = pageInfoAsked
        ? {
            clientAction: [
              {
                request: 'PageInfo',
                result: {
                  paperWidth: String((options.printWidthMm ?? 72) + 8),
                  printWidth: String(options.printWidthMm ?? 72),
                  horizontalResolution: '8',
                  verticalResolution: '8',
                },
              },
            ],
          }
        : {};
      const response = await fetch(pollUrl as string, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({
          printerMAC: mac,
          statusCode: encodeURIComponent(cloudprntStatusOf(mode)),
          printingInProgress: false,
          ...pageInfo,
        }),
      });
      polls += 1;
      const answer = response.ok ? ((await response.json()) as PollAnswer) : {};
      pageInfoAsked = (answer.clientAction ?? []).some((action) => action.request === 'PageInfo');
      const canPrint = !['paper-end', 'cover-open', 'error'].includes(mode);
      if (answer.jobReady && canPrint && polling) {
        await takeJob(answer);
        tookJob = true;
      }
    } catch {
      // The service is down or restarting: a real printer keeps polling.
    }
    if (polling) timer = setTimeout(poll, tookJob ? 0 : pollIntervalMs);
  }

  function poll(): void {
    timer = undefined;
    inFlight = cycle().finally(() => {
      inFlight = undefined;
    });
  }

  function start(): void {
    if (polling || !pollUrl) return;
    polling = true;
    poll();
  }

  async function stop(): Promise<void> {
    polling = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await inFlight;
  }

  return {
    mac,
    get mode() {
      return mode;
    },
    async setMode(next) {
      const previous = mode;
      mode = next;
      if (next === 'offline' && previous !== 'offline') await stop();
      if (previous === 'offline' && next !== 'offline') start();
    },
    attach(url) {
      pollUrl = url;
      if (mode !== 'offline') start();
    },
    stopPolling: stop,
    resumePolling: start,
    confirmJobsWith(code) {
      forcedCode = code;
    },
    jobs,
    get polls() {
      return polls;
    },
    onJob(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForPrinted(count, timeoutMs = 5000) {
      const printed = () => jobs.filter((job) => job.complete);
      if (printed().length >= count) return Promise.resolve(printed());
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `CloudPRNT emulator: ${printed().length} of ${count} jobs printed after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (printed().length < count) return;
          clearTimeout(deadline);
          listeners.delete(check);
          resolve(printed());
        };
        listeners.add(check);
      });
    },
    close: stop,
  };
}
