import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the kernel reports about one USB printer (the files of its sysfs device directory). */
export interface UsbIds {
  readonly idVendor: string;
  readonly idProduct: string;
  readonly serial?: string;
  readonly manufacturer?: string;
  readonly product?: string;
}

/** A fake `/sys` and `/dev` in a temp dir, for finding USB printers by id without hardware. */
export interface FakeUsbSysfs {
  /** What bonrelay's `usb.sysfsRoot` / `usb.devRoot` take. */
  readonly roots: { readonly sysfsRoot: string; readonly devRoot: string };
  /**
   * The kernel registers `lpN` for a printer on USB port `port`; with `device`, its node
   * `<devRoot>/usb/lpN` leads there (a pseudo-terminal standing in for the printer).
   */
  plug(lp: string, port: string, ids: UsbIds, device?: string): void;
  /** The printer is gone: its `lpN` leaves sysfs and its node leaves `/dev`. */
  unplug(lp: string): void;
}

/**
 * Lays sysfs out as the kernel does: `class/usbmisc/lpN` links into the device tree, its `device`
 * link points at the USB interface, the interface's parent holds `idVendor`, `idProduct`, `serial`,
 * and `uevent` names the node (`DEVNAME=usb/lpN`).
 */
export function fakeUsbSysfs(dir: string = mkdtempSync(join(tmpdir(), 'bonrelay-sysfs-'))): FakeUsbSysfs {
  const sysfsRoot = join(dir, 'sys');
  const devRoot = join(dir, 'dev');
  mkdirSync(join(sysfsRoot, 'class', 'usbmisc'), { recursive: true });
  mkdirSync(join(devRoot, 'usb'), { recursive: true });
  return {
    roots: { sysfsRoot, devRoot },
    plug(lp, port, ids, device) {
      const usbDevice = join(sysfsRoot, 'devices', 'pci0000:00', 'usb1', port);
      const usbInterface = join(usbDevice, `${port}:1.0`);
      const node = join(usbInterface, 'usbmisc', lp);
      mkdirSync(node, { recursive: true });
      for (const [file, value] of Object.entries(ids)) writeFileSync(join(usbDevice, file), `${value}\n`);
      writeFileSync(join(node, 'uevent'), `MAJOR=180\nMINOR=${lp.slice(2)}\nDEVNAME=usb/${lp}\n`);
      symlinkSync(usbInterface, join(node, 'device'));
      symlinkSync(node, join(sysfsRoot, 'class', 'usbmisc', lp));
      if (device) symlinkSync(device, join(devRoot, 'usb', lp));
    },
    unplug(lp) {
      rmSync(join(sysfsRoot, 'class', 'usbmisc', lp), { force: true });
      rmSync(join(devRoot, 'usb', lp), { force: true });
    },
  };
}
