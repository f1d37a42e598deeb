import { findUsbPrinters, parsePrinterTarget } from '@bonrelay/printing';
import type { Config } from '../../config/index.ts';

/** One `doctor` line about the USB printers the kernel sees. */
export interface UsbFinding {
  readonly verdict: 'ok' | 'warn';
  readonly check: string;
  readonly detail: string;
}

/**
 * What `doctor` says about USB: every printer the kernel has made an `lpN` for (from sysfs), with
 * the URL that names it whichever `lpN` it gets next time, so the person setting up the kitchen can
 * copy it into the config. Silent when no printer is on USB and none is configured there.
 */
export async function usbPrinterFindings(config: Pick<Config, 'usb' | 'printers'>): Promise<UsbFinding[]> {
  const found = await findUsbPrinters(config.usb);
  const usbConfigured = config.printers.some((printer) => {
    const target = parsePrinterTarget(printer.url);
    return target.kind === 'direct' && ['usb-device', 'usb-id'].includes(target.address.kind);
  });
  if (found.length === 0) {
    return usbConfigured
      ? [
          {
            verdict: 'warn',
            check: 'USB printers',
            detail: `none seen in ${config.usb.sysfsRoot}/class/usbmisc (plugged in and switched on?)`,
          },
        ]
      : [];
  }
  return found.map((printer) => {
    const names = [printer.manufacturer, printer.product].filter(Boolean).join(' ');
    const id = `${printer.vendorId}:${printer.productId}`;
    return {
      verdict: 'ok',
      check: `USB ${printer.name}`,
      detail:
        `${id}${names ? ` ${names}` : ''}${printer.serial ? ` serial ${printer.serial}` : ''} at ${printer.device.path}` +
        ` — usb://${id}${printer.serial ? `:${printer.serial}` : ''}`,
    };
  });
}
