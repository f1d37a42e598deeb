import { randomUUID } from 'node:crypto';
import { type PrinterProbeResult, printerStatusChangedEvent, watchPrinter } from '@bonrelay/connectivity';
import type { AnyDomainEvent, EventToAppend, PrinterStatus, PrintFailure } from '@bonrelay/domain';
import { type PrinterAddress, queryPrinterStatus } from '@bonrelay/printing';
import type { ConnectivityQueries } from '@bonrelay/views';
import {
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  interval,
  map,
  merge,
  mergeMap,
  type Observable,
  type SchedulerLike,
  Subject,
  type Subscription,
  skip,
} from 'rxjs';
import type { Config } from '../config/index.ts';
import { locatePrinter } from '../stations/locate-printer.ts';

export interface PrinterMonitorOptions {
  readonly printer: string;
  /** Asks the printer how it is (over the network, or the virtual printer's directory). */
  readonly probe: () => Promise<PrinterProbeResult>;
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  /** Whether tickets wait for this printer, re-told whenever the jobs table moves. */
  readonly ticketsWaiting$: Observable<boolean>;
  /** The live log: a failed print attempt on this printer counts as one probe's worth of evidence. */
  readonly log$: Observable<AnyDomainEvent>;
  /** Where the printers table says this printer stands: the status a first probe is compared with. */
  readonly connectivity: Pick<ConnectivityQueries, 'printer'>;
  readonly append: (events: EventToAppend[]) => void;
  /** What the printer tells unasked (a CloudPRNT poll, or its silence): counts like a probe. */
  readonly observations$?: Observable<PrinterProbeResult>;
  /** A USB printer: whether its device node is there; each change makes the monitor probe at once. */
  readonly present?: () => Promise<boolean>;
}

/** The probe reason that means the printer itself answered DLE EOT. */
export const statusReplyReason = 'status reply';

/** One real status probe of a printer, in the monitor's terms (unreachable = offline). */
export async function probePrinter(address: PrinterAddress, config: Config): Promise<PrinterProbeResult> {
  const located = await locatePrinter(address, config);
  if (!located.ok) return { status: 'offline', latencyMs: 0, reason: located.detail };
  const probe = await queryPrinterStatus(located.endpoint, {
    connectTimeoutMs: config.printing.connectTimeoutMs,
    statusTimeoutMs: config.monitor.printerProbeTimeoutMs,
    devicePollMs: config.usb.devicePollMs,
  });
  if (!probe.reachable) {
    // A USB printer's reason says what to fix (unplugged, no permission, held by CUPS).
    const reason = located.endpoint.kind === 'tcp' ? probe.failure : `${probe.failure}: ${probe.detail}`;
    return { status: 'offline', latencyMs: probe.latencyMs, reason };
  }
  return {
    status: probe.status,
    latencyMs: probe.latencyMs,
    reason: probe.answered
      ? statusReplyReason
      : probe.busy
        ? 'printing a ticket right now'
        : 'connected, printer does not answer status',
  };
}

/**
 * What a failed print says about the printer. A refused or timed-out connection says "off"; paper
 * and cover say themselves; a reset mid-job says nothing about the printer's state.
 */
export function statusFromFailure(failure: PrintFailure): PrinterStatus | undefined {
  switch (failure) {
    case 'refused':
    case 'unreachable':
    case 'timeout':
    case 'offline':
      return 'offline';
    case 'paper-end':
    case 'cover-open':
    case 'error':
      return failure;
    default:
      return undefined;
  }
}

/** Failed attempts on one printer, as observations for the monitor's hysteresis. */
export function failureEvidence(
  printer: string,
  log$: Observable<AnyDomainEvent>,
): Observable<PrinterProbeResult> {
  return log$.pipe(
    filter((event) => event.type === 'PrintAttemptFailed' && event.data.printer === printer),
    mergeMap((event) => {
      const { failure } = (event as Extract<AnyDomainEvent, { type: 'PrintAttemptFailed' }>).data;
      const status = statusFromFailure(failure);
      return status ? [{ status, latencyMs: 0, reason: `print failed: ${failure}` }] : [];
    }),
  );
}

/**
 * Each time a USB printer's device node appears or disappears: the cue to probe now, so an unplug
 * is recorded, and a re-plug prints, within a fraction of a second instead of at the next slow probe.
 */
function presenceChanges(options: PrinterMonitorOptions): Observable<void> {
  const { present } = options;
  if (!present) return EMPTY;
  return interval(options.config.usb.presenceIntervalMs, options.scheduler).pipe(
    exhaustMap(() => present()),
    distinctUntilChanged(),
    skip(1),
    map(() => undefined),
  );
}

/**
 * Watches one printer and appends `PrinterStatusChanged` only when the status really changed (after
 * the configured number of agreeing probes). It probes fast while tickets wait for a printer that is
 * down, so a printer switched back on is noticed within a fraction of a second.
 */
export function monitorPrinter(options: PrinterMonitorOptions): { checkNow(): void; stop(): void } {
  const { printer, config } = options;
  const checkNow$ = new Subject<void>();
  const urgent$ = options.ticketsWaiting$.pipe(distinctUntilChanged());
  const initial = options.connectivity.printer(printer)?.status;
  const subscription: Subscription = watchPrinter({
    printer,
    probe: options.probe,
    scheduler: options.scheduler,
    idleIntervalMs: config.monitor.printerIdleIntervalMs,
    fastIntervalMs: config.monitor.printerFastIntervalMs,
    agreeingProbes: config.monitor.printerAgreeingProbes,
    probeTimeoutMs: config.monitor.printerProbeTimeoutMs + config.printing.connectTimeoutMs,
    urgent$,
    // A printer that tells its own status (CloudPRNT polls) is believed over what a failed job suggests.
    evidence$: options.observations$ ?? failureEvidence(printer, options.log$),
    checkNow$: merge(checkNow$, presenceChanges(options)),
    ...(initial ? { initial } : {}),
  }).subscribe((change) =>
    options.append([printerStatusChangedEvent(change, `printer-status:${randomUUID()}`)]),
  );
  return {
    checkNow: () => checkNow$.next(),
    stop: () => subscription.unsubscribe(),
  };
}
