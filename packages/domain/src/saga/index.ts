export type { SagaStep } from './act.ts';
export type { BackoffConfig } from './backoff.ts';
export { backoffCeiling, nextAttemptDelay } from './backoff.ts';
export type { BreakerConfig } from './breaker.ts';
export { breakerAfterAttempt, isPauseFailure, isTransportFailure } from './breaker.ts';
export type { FallbackDecision, FallbackSituation } from './decide-fallback.ts';
export { decideFallback } from './decide-fallback.ts';
export { decidePrinter } from './decide-printer.ts';
export type { PrinterJobs } from './printer-jobs.ts';
export type { InFlight, PrinterSagaState, ProbeState } from './printer-saga-state.ts';
export { initialPrinterSaga } from './printer-saga-state.ts';
export type {
  AppendAnswer,
  PrinterAtStart,
  PrinterSagaCommand,
  PrinterSagaInput,
  PrintOutcome,
  SagaConfig,
  SagaContext,
} from './saga-types.ts';
