import { type ConnectivityMode, printableStatuses } from '../status.ts';
import type { ConnectivityView } from './connectivity-view.ts';

/**
 * One word for the staff about whether orders will reach the kitchen. Components never probed
 * (`unknown`) do not vote. A printer near its paper end still prints, so it is a warning (see
 * `connectivityWarnings`), not a mode. The breaker is the saga's business and does not vote either:
 * a printer that keeps failing shows up through its status.
 */
export function connectivityMode(view: ConnectivityView): ConnectivityMode {
  const printers = Object.values(view.printers).filter((printer) => printer.status !== 'unknown');
  const internet = view.internet.status;
  if (printers.length === 0 && internet === 'unknown') return 'unknown';
  const printerDown = printers.some((printer) => !printableStatuses.includes(printer.status));
  const internetDown = internet === 'offline';
  if (printerDown && internetDown) return 'full-offline';
  if (printerDown || internetDown) return 'offline';
  if (internet === 'degraded') return 'degraded';
  return 'online';
}

/** Things staff should fix before they become outages (paper running low, a breaker open). */
export function connectivityWarnings(view: ConnectivityView): readonly string[] {
  const warnings: string[] = [];
  for (const printer of Object.values(view.printers)) {
    if (printer.status === 'paper-near-end') warnings.push(`printer:${printer.printer} paper-near-end`);
    if (printer.breaker !== 'closed') warnings.push(`printer:${printer.printer} breaker ${printer.breaker}`);
  }
  return warnings;
}
