import type { PrinterProbeResult } from '@bonrelay/connectivity';
import type { AnyDomainEvent, PrintJobView } from '@bonrelay/domain';
import { printableStatuses } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { type PrintOutcome, type ReceiptEncoding, toSvg } from '@bonrelay/printing';
import { map, type Observable } from 'rxjs';
import type { Config, PrinterConfig } from '../config/index.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import { toDomainEvent } from '../projections/index.ts';
import type { PrinterLink } from './printer-link.ts';
import { ticketDocument } from './ticket-document.ts';
import { ticketLayoutFor } from './ticket-layout.ts';

/** What a station needs to know about its printer's paper (the virtual printer has no URL). */
export type StationPrinter = Pick<PrinterConfig, 'name' | 'cpl' | 'encoding'>;

export interface PrintStation {
  readonly name: string;
  /** The whole log, then every new event: the saga's state is derived from it, nothing else. */
  events$(store: EventStore): Observable<AnyDomainEvent>;
  /** Renders the job from today's views and sends it; never throws. */
  print(jobId: string): Promise<PrintOutcome>;
  /** Whether the printer answers and can print right now. */
  probe(): Promise<boolean>;
  /** The printer's status for the monitor and the connectivity check. */
  status(): Promise<PrinterProbeResult>;
  preview(job: PrintJobView): string | undefined;
}

/**
 * One printer as the saga sees it (a "station": kitchen, counter…): how its paper and code page
 * look, and the I/O the saga's commands need, through the link to the printer.
 */
export function printStation(
  printer: StationPrinter,
  link: PrinterLink,
  config: Config,
  views: BonrelayViews,
  clock: () => Date,
): PrintStation {
  const layout = ticketLayoutFor(config, printer);
  const paper = { cpl: printer.cpl, encoding: printer.encoding as ReceiptEncoding };
  return {
    name: printer.name,
    events$: (store) => store.live(0).pipe(map(toDomainEvent)),
    print: async (jobId) => {
      const job = views.printQueue.state().jobs.get(jobId);
      const document = job ? ticketDocument(job, views.orders.state(), layout, clock()) : undefined;
      if (!document) {
        return {
          ok: false,
          failure: 'error',
          detail: `nothing to print for job ${jobId}`,
          reachedPrinter: false,
        };
      }
      return link.print(document, paper, jobId);
    },
    probe: async () => printableStatuses.includes((await link.probe()).status),
    status: () => link.probe(),
    preview: (job) => {
      const document = ticketDocument(job, views.orders.state(), layout, clock());
      return document ? toSvg(document, paper) : undefined;
    },
  };
}
