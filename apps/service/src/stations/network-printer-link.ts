import { type PrinterAddress, sendPrintJob, toEscPos } from '@bonrelay/printing';
import type { Config } from '../config/index.ts';
import { probePrinter, statusReplyReason } from '../monitors/printer-monitor.ts';
import { locatePrinter, printerPresence } from './locate-printer.ts';
import type { PrinterLink } from './printer-link.ts';

/**
 * An ESC/POS printer on the LAN (`tcp://`) or on USB (`usb://`): the same status dialogue and the
 * same honest outcome over either. It remembers whether the printer answers status: once it has, a
 * silent status query is a hiccup, not a mute printer. On the LAN, silence several attempts in a
 * row makes it a mute printer again (printed blind, `written`), because there `written` still needs
 * the printer to take the job and close the connection itself. A USB printer never becomes mute
 * again: its device (kernel buffers, a pseudo-terminal) takes every byte whether the printer reads
 * them or has hung, so a blind ticket there would be counted printed on nobody's word.
 */
export function networkPrinterLink(address: PrinterAddress, config: Config): PrinterLink {
  let answersStatus = false;
  let silences = 0;
  const silenceMakesMute = address.kind === 'tcp';
  const present = printerPresence(address, config);
  return {
    print: async (document, paper) => {
      const located = await locatePrinter(address, config);
      if (!located.ok)
        return { ok: false, failure: 'unreachable', detail: located.detail, reachedPrinter: false };
      const outcome = await sendPrintJob(located.endpoint, toEscPos(document, paper), {
        connectTimeoutMs: config.printing.connectTimeoutMs,
        statusTimeoutMs: config.printing.statusTimeoutMs,
        completionTimeoutMs: config.printing.completionTimeoutMs,
        answersStatus,
        devicePollMs: config.usb.devicePollMs,
      });
      if (outcome.ok && outcome.confirmation === 'confirmed') {
        answersStatus = true;
        silences = 0;
      } else if (!outcome.ok && outcome.failure === 'timeout' && !outcome.reachedPrinter) {
        silences += 1;
        if (silenceMakesMute && silences >= config.printing.breakerFailureThreshold) answersStatus = false;
      }
      return outcome;
    },
    probe: async () => {
      const result = await probePrinter(address, config);
      if (result.reason === statusReplyReason) answersStatus = true;
      return result;
    },
    ...(present ? { present } : {}),
  };
}
