export { printerAtStart } from './printer-at-start.ts';
export type { PrinterSagaHandle, PrinterSagaOptions } from './run-printer-saga.ts';
export { runPrinterSaga } from './run-printer-saga.ts';
export { sagaLog } from './saga-log.ts';
export { superviseSaga } from './supervise.ts';
