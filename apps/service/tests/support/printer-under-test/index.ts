import { canEmulateUsb } from '@bonrelay/printer-emulator';
import { startCloudprntPrinterUnderTest } from './cloudprnt.ts';
import type { PrinterUnderTest } from './printer-under-test.ts';
import { type EmulatorSettings, startTcpPrinterUnderTest } from './tcp.ts';
import { startUsbPrinterUnderTest } from './usb.ts';

export type { PrinterUnderTest } from './printer-under-test.ts';
export type { EmulatorSettings } from './tcp.ts';

/** Starts one printer under test; settings the transport cannot honour are ignored. */
export type StartPrinterUnderTest = (settings?: EmulatorSettings) => Promise<PrinterUnderTest>;

/**
 * Every transport the printer suites run over. USB needs socat (installed by `npm test`'s setup);
 * without it the USB runs are left out, and said so, rather than failing for a missing tool.
 */
export const printersUnderTest: ReadonlyArray<{
  readonly transport: string;
  readonly start: StartPrinterUnderTest;
}> = [
  { transport: 'tcp', start: startTcpPrinterUnderTest },
  ...(canEmulateUsb() ? [{ transport: 'usb', start: startUsbPrinterUnderTest }] : []),
  { transport: 'cloudprnt', start: startCloudprntPrinterUnderTest },
];

if (!canEmulateUsb()) console.log('socat is missing: the printer suites run over TCP only');
