import { startPrinterEmulator, startUsbPty } from '@bonrelay/printer-emulator';
import type { PrinterUnderTest } from './printer-under-test.ts';
import type { EmulatorSettings } from './tcp.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The printer emulator behind a pseudo-terminal (socat), as a USB printer (`usb:///…/lp0`). Over
 * USB a printer switched off is a device that disappears: `offline` ends socat and removes the
 * path, and any other mode afterwards plugs it back in. `unplug()` is the cable pulled.
 */
export async function startUsbPrinterUnderTest(settings: EmulatorSettings = {}): Promise<PrinterUnderTest> {
  const emulator = await startPrinterEmulator({ ...settings, controlPort: false });
  const device = await startUsbPty(emulator);
  let unplugged = false;
  const gone = async () => {
    const deadline = Date.now() + 5_000;
    while (device.plugged && Date.now() < deadline) await pause(5);
  };
  return {
    transport: 'usb',
    // A hung printer still takes the bytes into the device's buffers, so a job sent blind (after the
    // printer fell silent several times) is `written` there too: all USB can know.
    blindModes: ['mute', 'blackhole'],
    printerConfig: (name) => ({ name, url: device.url }),
    attach: async () => {},
    setMode: async (mode) => {
      await emulator.setMode(mode);
      if (mode === 'offline') await gone();
      else if (!unplugged) await device.replug();
    },
    unplug: async () => {
      unplugged = true;
      await device.unplug();
    },
    replug: async () => {
      unplugged = false;
      if (emulator.mode !== 'offline') await device.replug();
    },
    printed: () => emulator.jobs.filter((job) => job.complete).map((job) => ({ text: job.text })),
    close: async () => {
      await device.close();
      await emulator.close();
    },
  };
}
