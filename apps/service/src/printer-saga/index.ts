export { printerAtStart } from './printer-at-start.ts';
export type {
  JobsTableProgress,
  PrinterSagaHandle,
  PrinterSagaOptions,
  SagaLog,
} from './run-printer-saga.ts';
export { runPrinterSaga } from './run-printer-saga.ts';
export { sagaLog } from './saga-log.ts';
export { superviseSaga } from './supervise.ts';
