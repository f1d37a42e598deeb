export type { StatusReplies } from './decode-status.ts';
export { decodePrinterStatus } from './decode-status.ts';
export type { ConnectFailure } from './printer-connection.ts';
export type { PrinterAddress } from './printer-url.ts';
export { defaultPrinterPort, PrinterUrlError, parsePrinterUrl } from './printer-url.ts';
export type { StatusProbe, StatusProbeTimeouts } from './query-printer-status.ts';
export { queryPrinterStatus } from './query-printer-status.ts';
export type { PrintJobTimeouts, PrintOutcome } from './send-print-job.ts';
export { sendPrintJob } from './send-print-job.ts';
