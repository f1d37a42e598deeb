import type { FaultMode } from '@bonrelay/printer-emulator';

/** One printer emulator reached through one transport, as the service's config names it. */
export interface PrinterUnderTest {
  readonly transport: 'tcp' | 'usb' | 'cloudprnt';
  /**
   * The fault modes in which the service may count a job `written` rather than `confirmed`: sent
   * whole to a printer that no longer answers its status dialogue. A printed job outside these modes
   * must be confirmed; CloudPRNT has none, since a job is printed only when the printer says so.
   */
  readonly blindModes: readonly FaultMode[];
  /** The `printers[]` entry for the service config (name, url, and transport-specific keys). */
  printerConfig(name: string): Record<string, unknown>;
  /** After the service listens: CloudPRNT starts polling it; a no-op for TCP and USB. */
  attach(serviceBaseUrl: string): Promise<void>;
  /** Puts the emulated printer in a fault mode (online, paper-out, cover-open, …). */
  setMode(mode: FaultMode): Promise<void>;
  /** The printer goes away: TCP listener closed, socat ended, polling stopped. */
  unplug(): Promise<void>;
  /** It comes back at the same address. */
  replug(): Promise<void>;
  /** What the printer really printed, in order (job id when the ticket carries one, and its text). */
  printed(): ReadonlyArray<{ readonly jobId?: string; readonly text: string }>;
  close(): Promise<void>;
}

/** Each file exports `start<Transport>PrinterUnderTest(): Promise<PrinterUnderTest>`. */
