import type { AnyDomainEvent } from '../events.ts';
import { evolveInternet, type InternetConnectivity, initialInternet } from './internet-connectivity.ts';
import {
  connectivityPrinterOf,
  evolvePrinter,
  type PrinterConnectivity,
  type PrinterRecord,
} from './printer-connectivity.ts';

/** Every printer and the internet at one moment: what the mode, the warnings and the alerts read. */
export interface ConnectivityView<Printer extends PrinterConnectivity = PrinterConnectivity> {
  readonly printers: Readonly<Record<string, Printer>>;
  readonly internet: InternetConnectivity;
}

/** Nothing heard yet. */
export const initialConnectivity: ConnectivityView<PrinterRecord> = {
  printers: {},
  internet: initialInternet,
};

/**
 * The rows folded in memory, for a look at a moment of the past (`replay --until`) where no table
 * holds them; the service reads the `printers` and `internet` tables instead.
 */
export function reduceConnectivity(
  view: ConnectivityView<PrinterRecord>,
  event: AnyDomainEvent,
): ConnectivityView<PrinterRecord> {
  const printer = connectivityPrinterOf(event);
  if (printer !== undefined) {
    const before = view.printers[printer];
    const after = evolvePrinter(before, event);
    return after === before || after === undefined
      ? view
      : { ...view, printers: { ...view.printers, [printer]: after } };
  }
  const internet = evolveInternet(view.internet, event);
  return internet === view.internet ? view : { ...view, internet };
}
