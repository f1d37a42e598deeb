import type { PrinterStatus } from '@bonrelay/domain';
import { dotWidthForPaper, parsePrinterTarget } from '@bonrelay/printing';
import type { Hono } from 'hono';
import type { SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.ts';
import type { PrinterLink } from '../stations/printer-link.ts';
import { type CloudprntClient, type CloudprntRefusal, cloudprntEndpoint } from './cloudprnt-endpoint.ts';
import { type CloudprntPrinter, cloudprntPrinter } from './cloudprnt-printer.ts';

/** The service's CloudPRNT printers: their links for the stations and the endpoint they poll. */
export interface CloudprntPrinters {
  readonly printers: readonly CloudprntPrinter[];
  /** The link of the CloudPRNT printer with this name; undefined for other printers. */
  linkOf(name: string): PrinterLink | undefined;
  /** Undefined when no CloudPRNT printer is configured: the path then answers like any unknown one. */
  readonly endpoint: Hono | undefined;
  stop(): void;
}

export interface CloudprntPrintersOptions {
  readonly scheduler: SchedulerLike;
  /** The printer's status as the log last recorded it (read once the views are up). */
  readonly recordedStatus: (printer: string) => PrinterStatus | undefined;
  /** A printer was refused: its MAC is not configured (a typo, most likely) or its credentials are wrong. */
  readonly onRefused?: (mac: string, why: CloudprntRefusal) => void;
}

/** Sets up every `cloudprnt://` printer of the config, with its poll interval, credentials and paper. */
export function cloudprntPrinters(config: Config, options: CloudprntPrintersOptions): CloudprntPrinters {
  const clients: CloudprntClient[] = config.printers.flatMap((printer) => {
    const target = parsePrinterTarget(printer.url);
    if (target.kind !== 'cloudprnt') return [];
    const { username, password } = printer;
    return [
      {
        printer: cloudprntPrinter({
          name: printer.name,
          mac: target.mac,
          pollIntervalMs: printer.pollIntervalMs,
          confirmTimeoutMs: config.printing.cloudprntConfirmTimeoutMs,
          pollHoldMs: config.printing.cloudprntPollHoldMs,
          dotWidth: dotWidthForPaper(printer.cpl),
          scheduler: options.scheduler,
          recordedStatus: () => options.recordedStatus(printer.name),
        }),
        ...(username !== undefined && password !== undefined ? { credentials: { username, password } } : {}),
      },
    ];
  });
  const printers = clients.map((client) => client.printer);
  // A refused printer polls again every few seconds: say so once per MAC and reason, not every time.
  const told = new Set<string>();
  const onRefused = (mac: string, why: CloudprntRefusal) => {
    if (told.has(`${mac} ${why}`)) return;
    told.add(`${mac} ${why}`);
    options.onRefused?.(mac, why);
  };
  return {
    printers,
    linkOf: (name) => printers.find((printer) => printer.name === name)?.link,
    endpoint: clients.length > 0 ? cloudprntEndpoint(clients, onRefused) : undefined,
    stop: () => {
      for (const printer of printers) printer.stop();
    },
  };
}
