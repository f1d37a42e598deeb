import { join } from 'node:path';
import { createVirtualPrinter, parsePrinterUrl } from '@bonrelay/printing';
import type { CloudprntPrinters } from '../cloudprnt/cloudprnt-printers.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { networkPrinterLink } from './network-printer-link.ts';
import type { StationPrinter } from './print-station.ts';
import type { PrinterLink } from './printer-link.ts';

/** A printer the service prints to, and how it reaches it. */
export interface LinkedPrinter {
  readonly printer: StationPrinter;
  readonly link: PrinterLink;
}

/**
 * The configured printers, or — when there are none — the built-in virtual printer, so a new user
 * sees tickets (as text files in `<dataDir>/virtual-printer/`) before buying any hardware.
 */
export function printersOrVirtual(
  config: Config,
  clock: () => Date,
  logger: Logger,
  cloudprnt?: Pick<CloudprntPrinters, 'linkOf'>,
): { printers: readonly LinkedPrinter[]; virtualTickets: string | undefined } {
  if (config.printers.length > 0) {
    return {
      printers: config.printers.map((printer) => ({
        printer,
        link: cloudprnt?.linkOf(printer.name) ?? networkPrinterLink(parsePrinterUrl(printer.url), config),
      })),
      virtualTickets: undefined,
    };
  }
  const tickets = join(config.dataDir, 'virtual-printer');
  const virtualPrinter = createVirtualPrinter(tickets, clock);
  logger.info({ tickets }, 'no printer configured: printing to the built-in virtual printer');
  return {
    printers: [
      {
        printer: { name: 'virtual', cpl: 48, encoding: 'multilingual' },
        link: {
          print: (document, paper, jobId) => virtualPrinter.print(document, paper, jobId),
          probe: () => virtualPrinter.status(),
        },
      },
    ],
    virtualTickets: tickets,
  };
}
