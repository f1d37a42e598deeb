import type { AnyDomainEvent, EventToAppend, PrintOutcome, SagaConfig } from '@bonrelay/domain';
import { ReplaySubject, VirtualTimeScheduler } from 'rxjs';
import { type PrinterSagaOptions, runPrinterSaga } from '../../src/printer-saga/index.ts';

export const config: SagaConfig = {
  backoff: { baseMs: 1_000, factor: 2, capMs: 60_000 },
  maxAttempts: 5,
  breaker: { failureThreshold: 3 },
};

/** Lets promise callbacks (print outcomes, probe answers) run; no time passes. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

type Fact = Pick<EventToAppend, 'type' | 'data'>;

/**
 * A printer saga wired to an in-memory log (replayed to every subscriber, like the store's live
 * tail), a scripted printer and virtual time. Outcomes are answered in the order the script lists them.
 */
export function harness(options: {
  history?: Fact[];
  outcomes?: (PrintOutcome | 'hang')[];
  probes?: boolean[];
  overrides?: Partial<PrinterSagaOptions>;
}) {
  const scheduler = new VirtualTimeScheduler();
  const log: AnyDomainEvent[] = [];
  const log$ = new ReplaySubject<AnyDomainEvent>();
  const prints: { jobId: string; at: number }[] = [];
  const probes: number[] = [];
  const outcomes = [...(options.outcomes ?? [])];
  const probeAnswers = [...(options.probes ?? [])];
  const record = (fact: Fact) => {
    const event = {
      ...fact,
      position: log.length + 1,
      recordedAt: new Date(scheduler.now()).toISOString(),
    } as AnyDomainEvent;
    log.push(event);
    log$.next(event);
  };
  for (const fact of options.history ?? []) record(fact);

  const saga = runPrinterSaga({
    printer: 'kitchen',
    events$: log$,
    append: (events) => {
      for (const event of events) record(event);
    },
    print: (jobId) => {
      prints.push({ jobId, at: scheduler.now() });
      const next = outcomes.shift() ?? { ok: true, confirmation: 'confirmed' };
      return next === 'hang' ? new Promise<PrintOutcome>(() => {}) : Promise.resolve(next);
    },
    probe: () => {
      probes.push(scheduler.now());
      return Promise.resolve(probeAnswers.shift() ?? true);
    },
    scheduler,
    config,
    random: () => 0.5,
    replayUntil: options.history?.length ?? 0,
    stopTimeoutMs: 5_000,
    ...options.overrides,
  });

  /** Runs virtual time up to `t`, letting the printer answer between timers. */
  async function advanceTo(t: number): Promise<void> {
    for (;;) {
      await settle();
      const next = scheduler.actions[0];
      if (next === undefined || next.delay > t) break;
      scheduler.maxFrames = next.delay;
      scheduler.flush();
    }
    scheduler.frame = Math.max(scheduler.frame, t);
    await settle();
  }

  return {
    saga,
    scheduler,
    log,
    prints,
    probes,
    record,
    advanceTo,
    types: () => log.map((event) => event.type),
  };
}

export const queued = (jobId: string, priority: 'normal' | 'critical' = 'normal'): Fact => {
  const [orderId = jobId, ticket = 'kitchen'] = jobId.split('/');
  return {
    type: 'PrintJobQueued',
    data: { jobId, orderId, ticket: ticket as 'kitchen', printer: 'kitchen', priority, reprint: false },
  };
};

export const statusChanged = (from: string, to: string): Fact => ({
  type: 'PrinterStatusChanged',
  data: { printer: 'kitchen', from, to, reason: 'monitor' } as EventToAppend<'PrinterStatusChanged'>['data'],
});

export const fail = (failure: 'timeout' | 'refused', reachedPrinter: boolean): PrintOutcome => ({
  ok: false,
  failure,
  detail: failure,
  reachedPrinter,
});
