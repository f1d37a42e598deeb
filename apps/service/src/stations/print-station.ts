import type { PrintJobView } from '@bonrelay/domain';
import { printableStatuses } from '@bonrelay/domain';
import {
  type PrinterAddress,
  type PrintOutcome,
  parsePrinterUrl,
  type ReceiptEncoding,
  sendPrintJob,
  toEscPos,
  toSvg,
} from '@bonrelay/printing';
import type { Config, PrinterConfig } from '../config/index.ts';
import { probePrinter, statusReplyReason } from '../monitors/printer-monitor.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import { ticketDocument } from './ticket-document.ts';
import { ticketLayoutFor } from './ticket-layout.ts';

export interface PrintStation {
  readonly name: string;
  readonly address: PrinterAddress;
  /** Renders the job (as the saga started it) with today's order and sends it; never throws. */
  print(job: PrintJobView): Promise<PrintOutcome>;
  /** Whether the printer answers and can print right now. */
  probe(): Promise<boolean>;
  preview(job: PrintJobView): string | undefined;
}

/**
 * One printer as the saga sees it (a "station": kitchen, counter…): where it is, how its paper and
 * code page look, and the I/O the saga's commands need.
 */
export function printStation(
  printer: PrinterConfig,
  config: Config,
  views: BonrelayViews,
  clock: () => Date,
): PrintStation {
  const address = parsePrinterUrl(printer.url);
  const layout = ticketLayoutFor(config, printer);
  const paper = { cpl: printer.cpl, encoding: printer.encoding as ReceiptEncoding };
  // Once this printer has answered status, a silent status query is a hiccup, not a mute printer;
  // only silence several attempts in a row makes it a mute printer again (printed blind, `written`).
  let answersStatus = false;
  let silences = 0;
  return {
    name: printer.name,
    address,
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
      const outcome = await sendPrintJob(address, toEscPos(document, paper), {
        connectTimeoutMs: config.printing.connectTimeoutMs,
        statusTimeoutMs: config.printing.statusTimeoutMs,
        completionTimeoutMs: config.printing.completionTimeoutMs,
        answersStatus,
      });
      if (outcome.ok && outcome.confirmation === 'confirmed') {
        answersStatus = true;
        silences = 0;
      } else if (!outcome.ok && outcome.failure === 'timeout' && !outcome.reachedPrinter) {
        silences += 1;
        if (silences >= config.printing.breakerFailureThreshold) answersStatus = false;
      }
      return outcome;
    },
    probe: async () => {
      const result = await probePrinter(address, config);
      if (result.reason === statusReplyReason) answersStatus = true;
      return printableStatuses.includes(result.status);
    },
    preview: (job) => {
      const document = ticketDocument(job, views.orders.order(job.orderId), layout, clock());
      return document ? toSvg(document, paper) : undefined;
    },
  };
}
