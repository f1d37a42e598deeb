import { Counter, type Registry } from 'prom-client';

/** How a catch-up pass ended: nothing new, something brought in, or Wix could not be asked. */
export type CatchUpOutcome = 'quiet' | 'findings' | 'failed';

export interface WixApiCounters {
  countCatchUpPass(outcome: CatchUpOutcome): void;
  countWixRequest(): void;
}

/**
 * Catch-up passes and Wix API requests since start. Quiet passes leave no event (one a minute would
 * grow the log forever), so these counters are where an operator sees that catch-up runs and what
 * it costs: one request a minute when all is well.
 */
export function wixApiCounters(register: Registry): WixApiCounters {
  const passes = new Counter({
    name: 'bonrelay_wix_catch_up_passes_total',
    help: 'Periodic Wix catch-up passes since start, by outcome (quiet, findings, failed)',
    labelNames: ['outcome'],
    registers: [register],
  });
  for (const outcome of ['quiet', 'findings', 'failed']) passes.inc({ outcome }, 0);
  const requests = new Counter({
    name: 'bonrelay_wix_api_requests_total',
    help: 'Requests sent to the Wix REST API since start (searches, pages and single orders)',
    registers: [register],
  });
  return {
    countCatchUpPass: (outcome) => passes.inc({ outcome }),
    countWixRequest: () => requests.inc(),
  };
}
