import { type EventToAppend, eventToAppend, streams } from '@bonrelay/domain';
import type { InternetStatusChange } from './watch-internet.ts';
import type { PrinterStatusChange } from './watch-printer.ts';

/**
 * Files a believed printer change in the printer's stream. The id is the caller's (a uuid in the
 * service, a counter in tests) so ids stay unique yet tests stay deterministic.
 */
export function printerStatusChangedEvent(
  change: PrinterStatusChange,
  id: string,
): EventToAppend<'PrinterStatusChanged'> {
  return eventToAppend('PrinterStatusChanged', streams.printer(change.printer), id, {
    printer: change.printer,
    from: change.from,
    to: change.to,
    reason: change.reason,
    latencyMs: change.latencyMs,
  });
}

/** Files a believed internet change in the internet stream; the id is the caller's, as above. */
export function internetStatusChangedEvent(
  change: InternetStatusChange,
  id: string,
): EventToAppend<'InternetStatusChanged'> {
  return eventToAppend('InternetStatusChanged', streams.internet, id, {
    from: change.from,
    to: change.to,
    failedTargets: [...change.failedTargets],
  });
}
