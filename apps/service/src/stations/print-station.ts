import type { PrinterProbeResult } from '@bonrelay/connectivity';
import type { PrintJobView } from '@bonrelay/domain';
import { printableStatuses } from '@bonrelay/domain';
import { type PrintOutcome, type ReceiptEncoding, toSvg } from '@bonrelay/printing';
import type { Config, PrinterConfig } from '../config/index.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { PrinterLink } from './printer-link.ts';
import { ticketDocument } from './ticket-document.ts';
import { ticketLayoutFor } from './ticket-layout.ts';

/** What a station needs to know about its printer's paper (the virtual printer has no URL). */
export type StationPrinter = Pick<PrinterConfig, 'name' | 'cpl' | 'encoding'>;

export interface PrintStation {
  readonly name: string;
  /** Renders the job (as the saga started it) with today's order and sends it; never throws. */
  print(job: PrintJobView): Promise<PrintOutcome>;
  /** Whether the printer answers and can print right now. */
  probe(): Promise<boolean>;
  /** The printer's status for the monitor and the connectivity check. */
  status(): Promise<PrinterProbeResult>;
  preview(job: PrintJobView): string | undefined;
  /** The printer's unasked news, for the monitor (CloudPRNT polls and their absence). */
  readonly observations$?: PrinterLink['observations$'];
  /** A USB printer: whether its device is plugged in, for the monitor's quick presence check. */
  readonly present?: () => Promise<boolean>;
}

/**
 * One printer as the saga sees it (a "station": kitchen, counter…): how its paper and code page
 * look, and the I/O the saga's commands need, through the link to the printer.
 */
export function printStation(
  printer: StationPrinter,
  link: PrinterLink,
  config: Config,
  views: Pick<BonrelayViews, 'orders'>,
  clock: () => Date,
): PrintStation {
  const layout = ticketLayoutFor(config, printer);
  const paper = { cpl: printer.cpl, encoding: printer.encoding as ReceiptEncoding };
  const present = link.present;
  return {
    name: printer.name,
    print: async (job) => {
      // The job's row came with its order's: both tables are written in the same batch.
      const document = ticketDocument(job, views.orders.order(job.orderId), layout, clock());
      if (!document) {
        return {
          ok: false,
          failure: 'error',
          detail: `nothing to print for job ${job.jobId}`,
          reachedPrinter: false,
        };
      }
      return link.print(document, paper, job.jobId);
    },
    probe: async () => printableStatuses.includes((await link.probe()).status),
    status: () => link.probe(),
    preview: (job) => {
      const document = ticketDocument(job, views.orders.order(job.orderId), layout, clock());
      return document ? toSvg(document, paper) : undefined;
    },
    ...(link.observations$ ? { observations$: link.observations$ } : {}),
    ...(present ? { present: () => present.call(link) } : {}),
  };
}
