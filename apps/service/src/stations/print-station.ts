import type { AnyDomainEvent, PrintJobView } from '@bonrelay/domain';
import { printableStatuses } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import {
  type PrinterAddress,
  type PrintOutcome,
  parsePrinterUrl,
  type ReceiptEncoding,
  sendPrintJob,
  toEscPos,
  toSvg,
} from '@bonrelay/printing';
import { map, type Observable } from 'rxjs';
import type { Config, PrinterConfig } from '../config/index.ts';
import { probePrinter, statusReplyReason } from '../monitors/printer-monitor.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import { toDomainEvent } from '../projections/index.ts';
import { ticketDocument } from './ticket-document.ts';
import { ticketLayoutFor } from './ticket-layout.ts';

export interface PrintStation {
  readonly name: string;
  readonly address: PrinterAddress;
  /** The whole log, then every new event: the saga's state is derived from it, nothing else. */
  events$(store: EventStore): Observable<AnyDomainEvent>;
  /** Renders the job from today's views and sends it; never throws. */
  print(jobId: string): Promise<PrintOutcome>;
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
    events$: (store) => store.live(0).pipe(map(toDomainEvent)),
    print: async (jobId) => {
      // The saga may act on an event the jobs table has not written yet: write the batch, then read.
      let job = views.jobs.job(jobId);
      if (job === undefined) {
        views.tables.flush();
        job = views.jobs.job(jobId);
      }
      // The job's row came with its order's (the receipt precedes the queueing in the log).
      const document = job
        ? ticketDocument(job, views.orders.order(job.orderId), layout, clock())
        : undefined;
      if (!document) {
        return {
          ok: false,
          failure: 'error',
          detail: `nothing to print for job ${jobId}`,
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
