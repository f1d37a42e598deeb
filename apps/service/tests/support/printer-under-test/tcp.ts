import {
  type FaultMode,
  type PrinterEmulatorOptions,
  startPrinterEmulator,
} from '@bonrelay/printer-emulator';
import type { PrinterUnderTest } from './printer-under-test.ts';

/** Emulator settings a suite may need (a slow printer's pace, say); the rest are the emulator's defaults. */
export type EmulatorSettings = Pick<PrinterEmulatorOptions, 'slowBytesPerSecond' | 'mode'> & {
  /** CloudPRNT only: how often the printer polls (a bench asks for a real printer's 5 s). */
  readonly pollIntervalMs?: number;
};

/**
 * The printer emulator on a loopback TCP port, as a network printer (`tcp://…`). Unplugging it
 * closes its listener, exactly what a printer switched off does to the LAN.
 */
export async function startTcpPrinterUnderTest(settings: EmulatorSettings = {}): Promise<PrinterUnderTest> {
  const emulator = await startPrinterEmulator({ ...settings, controlPort: false });
  let modeBeforeUnplug: FaultMode | undefined;
  return {
    transport: 'tcp',
    // A printer that went mute may still have printed what it was sent: all TCP can say is `written`.
    blindModes: ['mute'],
    printerConfig: (name) => ({ name, url: emulator.url }),
    attach: async () => {},
    setMode: (mode) => emulator.setMode(mode),
    unplug: async () => {
      modeBeforeUnplug ??= emulator.mode;
      await emulator.setMode('offline');
    },
    replug: async () => {
      await emulator.setMode(modeBeforeUnplug ?? 'online');
      modeBeforeUnplug = undefined;
    },
    printed: () => emulator.jobs.filter((job) => job.complete).map((job) => ({ text: job.text })),
    close: () => emulator.close(),
  };
}
