export type { StatusReplies } from './decode-status.ts';
export { decodePrinterStatus } from './decode-status.ts';
export type { ConnectFailure } from './printer-connection.ts';
export type { PrinterAddress, PrinterEndpoint, PrinterTarget, TcpPrinterAddress } from './printer-url.ts';
export {
  defaultPrinterPort,
  describePrinterAddress,
  PrinterUrlError,
  parsePrinterTarget,
  parsePrinterUrl,
} from './printer-url.ts';
export type { StatusProbe, StatusProbeTimeouts } from './query-printer-status.ts';
export { queryPrinterStatus } from './query-printer-status.ts';
export type { PrintJobTimeouts, PrintOutcome } from './send-print-job.ts';
export { sendPrintJob } from './send-print-job.ts';
export type { UsbPrinterFound, UsbRoots } from './usb-sysfs.ts';
export { findUsbPrinters, resolveUsbPrinter } from './usb-sysfs.ts';
export type { UsbDeviceAddress, UsbIdAddress } from './usb-url.ts';
export type { VirtualPrinter, VirtualPrinterStatus } from './virtual-printer.ts';
export { createVirtualPrinter } from './virtual-printer.ts';
