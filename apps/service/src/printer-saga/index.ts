export type { PrinterSagaHandle, PrinterSagaOptions } from './run-printer-saga.ts';
export { runPrinterSaga } from './run-printer-saga.ts';
export { superviseSaga } from './supervise.ts';
