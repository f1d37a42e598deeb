import { access } from 'node:fs/promises';
import { type PrinterAddress, type PrinterEndpoint, resolveUsbPrinter } from '@bonrelay/printing';
import type { Config } from '../config/index.ts';

/**
 * Where a configured printer can be reached right now. A USB printer named by vendor:product is
 * looked up in sysfs afresh each time, because after a re-plug it may be `lp1` instead of `lp0`.
 */
export async function locatePrinter(
  address: PrinterAddress,
  config: Pick<Config, 'usb'>,
): Promise<{ ok: true; endpoint: PrinterEndpoint } | { ok: false; detail: string }> {
  if (address.kind !== 'usb-id') return { ok: true, endpoint: address };
  const found = await resolveUsbPrinter(address, config.usb);
  return found.ok ? { ok: true, endpoint: found.device } : found;
}

/**
 * For a USB printer, a cheap "is its device node there?" check the monitor runs every few hundred
 * milliseconds, so an unplug or a re-plug is noticed at once rather than at the next slow probe.
 * A network printer has no such thing (undefined): only a connection attempt can tell.
 */
export function printerPresence(
  address: PrinterAddress,
  config: Pick<Config, 'usb'>,
): (() => Promise<boolean>) | undefined {
  if (address.kind === 'tcp') return undefined;
  return async () => {
    const located = await locatePrinter(address, config);
    if (!located.ok || located.endpoint.kind !== 'usb-device') return false;
    try {
      await access(located.endpoint.path);
      return true;
    } catch {
      return false;
    }
  };
}
