import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterEmulator } from './emulator.ts';

/** The emulator behind a device path, as a USB printer appears to bonrelay (`usb://<path>`). */
export interface UsbPtyPrinter {
  /** The device path (a symlink to the pseudo-terminal), what `usb://` names. */
  readonly path: string;
  /** `usb://<path>`, what bonrelay's printer config takes. */
  readonly url: string;
  /** Whether the device node is there right now. */
  readonly plugged: boolean;
  /** Pulls the cable: socat ends and the device path disappears. */
  unplug(): Promise<void>;
  /** Plugs it back in: the same path appears again (a new pseudo-terminal behind it, like a new lpN). */
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** Where socat comes from (Debian's package; `tooling/setup/ensure-socat.mjs` installs it). */
export const socatPath = '/usr/bin/socat';

/** Whether the USB tests can run here (socat present). */
export function canEmulateUsb(): boolean {
  return existsSync(socatPath);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts a printer emulator behind a pseudo-terminal with socat, so the USB transport meets a real
 * two-way character device without hardware. socat holds one TCP connection for the device's
 * whole life, like a USB link; when the emulator drops it (switched off, a reset mid-job) socat
 * ends and the path disappears. After a reset the device comes back by itself, as a real printer
 * re-enumerates; after `unplug()` or while the emulator is switched off it stays away until `replug()`.
 */
export async function startUsbPty(
  emulator: PrinterEmulator,
  options: { dir?: string; name?: string } = {},
): Promise<UsbPtyPrinter> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bonrelay-usb-'));
  const path = join(dir, options.name ?? 'lp0');
  let socat: ChildProcess | undefined;
  let wanted = true;

  async function plugIn(): Promise<void> {
    if (socat) return;
    // `-t 0.01`: when the emulator drops the link, socat closes the pty at once (its default 0.5 s
    // would outlast a ticket's deadlines: a reset would look like a hang). `nodelay`: a printer's
    // one-byte replies must not wait for Nagle.
    const link = `TCP:${emulator.host}:${emulator.port},nodelay`;
    const child = spawn(socatPath, ['-t', '0.01', `PTY,link=${path},raw,echo=0`, link], { stdio: 'ignore' });
    socat = child;
    child.once('exit', () => {
      if (socat === child) socat = undefined;
      // A device that reset comes back on its own; a switched-off or unplugged one does not.
      if (wanted && emulator.mode !== 'offline') void pause(20).then(() => (wanted ? plugIn() : undefined));
    });
    const deadline = Date.now() + 5_000;
    while (!existsSync(path) && socat === child) {
      if (Date.now() > deadline) throw new Error(`socat made no device at ${path} within 5 s`);
      await pause(5);
    }
  }

  async function pullOut(): Promise<void> {
    const child = socat;
    if (!child) return;
    socat = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  await plugIn();
  return {
    path,
    url: `usb://${path}`,
    get plugged() {
      return existsSync(path);
    },
    async unplug() {
      wanted = false;
      await pullOut();
    },
    async replug() {
      wanted = true;
      await plugIn();
    },
    async close() {
      wanted = false;
      await pullOut();
    },
  };
}
