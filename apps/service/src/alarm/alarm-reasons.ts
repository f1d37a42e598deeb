import { type PrinterBacklog, type PrinterStatus, printableStatuses } from '@bonrelay/domain';
import { translatorFor } from '@bonrelay/locale';

/** What the dashboard alarm weighs, as the views and the log have it now. */
export interface AlarmInputs {
  readonly printers: readonly {
    readonly printer: string;
    readonly status: PrinterStatus;
    readonly since?: string;
  }[];
  readonly backlog: readonly PrinterBacklog[];
  /** Open `WebhookDeliveryGap`: Wix has orders it did not deliver to us. */
  readonly deliveryGap?: { readonly orders: number };
  /** Unreadable orders no fetch could read: staff must open them in Wix. */
  readonly unreadable: number;
  readonly now: Date;
  readonly soundAfterMs: number;
  /** The dashboard's locale: the reasons are read on its page. */
  readonly locale: string;
}

/** Whether the pass should hear it, why (one line each), and when to ask again if nothing else changes. */
export interface AlarmState {
  readonly sounding: boolean;
  readonly reasons: readonly string[];
  readonly recheckAt?: string;
}

/**
 * The dashboard's alarm: it sounds while a printer that cannot print has had tickets waiting for
 * `soundAfterMs` (counted from when both were true), while Wix is known to have orders it did not
 * deliver, or while an order could not be read and needs a person. A printer failed over has no
 * tickets left waiting, so the alarm stops once the fallback took them.
 */
export function alarmState(inputs: AlarmInputs): AlarmState {
  const { say } = translatorFor(inputs.locale);
  const reasons: string[] = [];
  let recheckAt: number | undefined;
  for (const { printer, status, since } of inputs.printers) {
    if (status === 'unknown' || printableStatuses.includes(status)) continue;
    const backlog = inputs.backlog.find((entry) => entry.printer === printer);
    if (backlog === undefined || backlog.waiting === 0 || backlog.oldestQueuedAt === undefined) continue;
    const waitingSince = Math.max(Date.parse(backlog.oldestQueuedAt), since ? Date.parse(since) : 0);
    const soundsAt = waitingSince + inputs.soundAfterMs;
    if (soundsAt <= inputs.now.getTime()) {
      // ICU select keys cannot hold a dash: `paper-end` is chosen as `paperEnd`.
      const why = status.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
      reasons.push(say('alarm.printerDown', { printer, status: why, waiting: backlog.waiting }));
    } else recheckAt = Math.min(recheckAt ?? soundsAt, soundsAt);
  }
  if (inputs.deliveryGap) {
    reasons.push(say('alarm.deliveryGap', { orders: inputs.deliveryGap.orders }));
  }
  if (inputs.unreadable > 0) reasons.push(say('alarm.unreadable', { count: inputs.unreadable }));
  return {
    sounding: reasons.length > 0,
    reasons,
    ...(recheckAt === undefined ? {} : { recheckAt: new Date(recheckAt).toISOString() }),
  };
}
