export type { InternetCheck, InternetCheckOptions, TargetProbe, WixProbe } from './internet-probe.ts';
export { checkInternet, probeInternetOnce } from './internet-probe.ts';
export type { PrinterProbe, PrinterProbeResult, ProbePrinterOnceOptions } from './printer-probe.ts';
export { checkPrinter, probePrinterOnce } from './printer-probe.ts';
export type { ProbeTarget } from './probe-targets.ts';
export {
  defaultInternetProbeTargets,
  formatProbeTarget,
  ProbeTargetError,
  parseProbeTargets,
} from './probe-targets.ts';
export { internetStatusChangedEvent, printerStatusChangedEvent } from './status-events.ts';
export { tcpConnectProbe } from './tcp-connect-probe.ts';
export type { InternetStatusChange, WatchInternetOptions } from './watch-internet.ts';
export { watchInternet } from './watch-internet.ts';
export type { PrinterStatusChange, WatchPrinterOptions } from './watch-printer.ts';
export { watchPrinter } from './watch-printer.ts';
