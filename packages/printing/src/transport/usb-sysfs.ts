import { readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UsbDeviceAddress, UsbIdAddress } from './usb-url.ts';

/** Where the kernel describes devices and where their nodes live; injectable so tests use a fake tree. */
export interface UsbRoots {
  /** `/sys` on a real machine. */
  readonly sysfsRoot: string;
  /** `/dev` on a real machine. */
  readonly devRoot: string;
}

/** One USB printer the kernel's `usblp` driver has made a device node for. */
export interface UsbPrinterFound {
  /** `lp0`, `lp1`, … (follows plug order, so it can change after a re-plug). */
  readonly name: string;
  readonly device: UsbDeviceAddress;
  readonly vendorId: string;
  readonly productId: string;
  readonly serial?: string;
  readonly manufacturer?: string;
  readonly product?: string;
}

const readText = async (file: string): Promise<string | undefined> => {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
};

/** The USB device (vendor, product, serial) above one `usbmisc` node, or undefined if it is not USB. */
async function describeNode(roots: UsbRoots, name: string): Promise<UsbPrinterFound | undefined> {
  const node = join(roots.sysfsRoot, 'class', 'usbmisc', name);
  let usbInterface: string;
  try {
    usbInterface = await realpath(join(node, 'device'));
  } catch {
    return undefined;
  }
  const usbDevice = dirname(usbInterface);
  const [vendorId, productId, serial, manufacturer, product, uevent] = await Promise.all(
    ['idVendor', 'idProduct', 'serial', 'manufacturer', 'product']
      .map((file) => readText(join(usbDevice, file)))
      .concat(readText(join(node, 'uevent'))),
  );
  if (!vendorId || !productId) return undefined;
  const devName = /^DEVNAME=(.+)$/m.exec(uevent ?? '')?.[1] ?? `usb/${name}`;
  return {
    name,
    device: { kind: 'usb-device', path: join(roots.devRoot, devName) },
    vendorId: vendorId.toLowerCase(),
    productId: productId.toLowerCase(),
    ...(serial ? { serial } : {}),
    ...(manufacturer ? { manufacturer } : {}),
    ...(product ? { product } : {}),
  };
}

/**
 * Every USB printer the kernel sees right now, from `/sys/class/usbmisc/lp*` (for `doctor`, and to
 * find a printer configured by id). Never throws: no sysfs means no printers.
 */
export async function findUsbPrinters(roots: UsbRoots): Promise<UsbPrinterFound[]> {
  let names: string[];
  try {
    names = await readdir(join(roots.sysfsRoot, 'class', 'usbmisc'));
  } catch {
    return [];
  }
  const found = await Promise.all(
    names
      .filter((name) => /^lp\d+$/.test(name))
      .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))
      .map((name) => describeNode(roots, name)),
  );
  return found.filter((printer): printer is UsbPrinterFound => printer !== undefined);
}

/**
 * Finds the device node of the printer `usb://vendor:product[:serial]` names, afresh each time:
 * after a re-plug the same printer may be `lp1` instead of `lp0`. Two matching printers without a
 * serial in the URL are refused rather than guessed between.
 */
export async function resolveUsbPrinter(
  address: UsbIdAddress,
  roots: UsbRoots,
): Promise<{ ok: true; device: UsbDeviceAddress } | { ok: false; detail: string }> {
  const matches = (await findUsbPrinters(roots)).filter(
    (printer) =>
      printer.vendorId === address.vendorId &&
      printer.productId === address.productId &&
      (address.serial === undefined || printer.serial === address.serial),
  );
  const wanted = `${address.vendorId}:${address.productId}${address.serial ? ` serial ${address.serial}` : ''}`;
  const [first] = matches;
  if (!first) return { ok: false, detail: `no USB printer ${wanted} is plugged in` };
  if (matches.length > 1) {
    return {
      ok: false,
      detail: `${matches.length} USB printers match ${wanted} (${matches.map((m) => m.name).join(', ')}); add the serial to the URL`,
    };
  }
  return { ok: true, device: first.device };
}
