import { type PrinterStatus, printableStatuses } from '@bonrelay/domain';
import { combineLatest, EMPTY, map, NEVER, type Observable, type SchedulerLike, startWith } from 'rxjs';
import { checkPrinter, type PrinterProbe, type PrinterProbeResult } from './printer-probe.ts';
import { monitorStatus, requirePositive } from './status-monitor.ts';

/** A printer status change the monitor believes; becomes a `PrinterStatusChanged` event. */
export interface PrinterStatusChange {
  readonly printer: string;
  readonly from: PrinterStatus;
  readonly to: PrinterStatus;
  readonly reason: string;
  readonly latencyMs: number;
}

/** Everything a printer monitor needs; intervals and counts come from the validated config. */
export interface WatchPrinterOptions {
  readonly printer: string;
  readonly probe: PrinterProbe;
  readonly scheduler: SchedulerLike;
  /** Between probes while nothing is at stake. */
  readonly idleIntervalMs: number;
  /** Between probes while jobs wait on a down printer, or while a change awaits confirmation. */
  readonly fastIntervalMs: number;
  /** Consecutive agreeing observations needed before a new status is believed (hysteresis). */
  readonly agreeingProbes: number;
  /** True while print jobs wait for this printer; with it not printable (or unknown), probes hurry. */
  readonly urgent$: Observable<boolean>;
  /**
   * Observations from elsewhere, e.g. a failed print attempt; each counts like a probe. Give a
   * reason (the print failure): a missing one is recorded as `probe`.
   */
  readonly evidence$?: Observable<PrinterProbeResult>;
  /** The status the log last recorded, so a restart does not append it again. */
  readonly initial?: PrinterStatus;
  /** Each emission probes now (unless a probe is already running). */
  readonly checkNow$?: Observable<void>;
  /** A probe silent this long counts as `offline` / `timeout`; unset trusts the probe's own timeout. */
  readonly probeTimeoutMs?: number;
}

/**
 * Watches one printer and emits only believed status changes, so the log records when the kitchen
 * printer really went down or came back, not every hiccup. It probes fast when it matters (jobs
 * waiting on a down printer, or a change to confirm) and slowly otherwise. Cold: each subscription
 * probes on its own.
 */
export function watchPrinter(options: WatchPrinterOptions): Observable<PrinterStatusChange> {
  requirePositive('idleIntervalMs', options.idleIntervalMs);
  requirePositive('fastIntervalMs', options.fastIntervalMs);
  requirePositive('agreeingProbes', options.agreeingProbes, true);
  const { printer, scheduler } = options;
  return monitorStatus<PrinterStatus, PrinterProbeResult>({
    initial: options.initial ?? 'unknown',
    agreeingProbes: options.agreeingProbes,
    scheduler,
    check: () => checkPrinter(options),
    evidence$: options.evidence$ ?? EMPTY,
    checkNow$: options.checkNow$ ?? NEVER,
    cadence: (tracker$) =>
      combineLatest([tracker$, options.urgent$.pipe(startWith(false))]).pipe(
        map(([tracker, urgent]) => {
          const down = !printableStatuses.includes(tracker.current);
          const hurry = tracker.pending !== undefined || (urgent && down);
          return hurry ? options.fastIntervalMs : options.idleIntervalMs;
        }),
      ),
  }).pipe(
    map(({ from, observation }) => ({
      printer,
      from,
      to: observation.status,
      reason: observation.reason ?? 'probe',
      latencyMs: observation.latencyMs,
    })),
  );
}
