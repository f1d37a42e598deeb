export type { PrinterSagaHandle, PrinterSagaOptions } from './run-printer-saga.ts';
export { runPrinterSaga } from './run-printer-saga.ts';
