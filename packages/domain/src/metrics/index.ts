export type { LogCounter, LogCounterIncrement } from './log-counter-increments.ts';
export { logCounterIncrementOf } from './log-counter-increments.ts';
export type { PrintLatency, TimedTicket } from './print-latency.ts';
export {
  emptyPrintLatency,
  observePrintLatency,
  printLatencyBuckets,
  printLatencySeconds,
  timedTicketOf,
} from './print-latency.ts';
