import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnyDomainEvent,
  type EventToAppend,
  eventToAppend,
  type PrintOutcome,
  type SagaConfig,
  streams,
} from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import {
  connectivityQueries,
  connectivityView,
  printJobQueries,
  printJobsView,
  sqliteViewConnection,
  startViewProjector,
  toDomainEvent,
} from '@bonrelay/views';
import { VirtualTimeScheduler } from 'rxjs';
import {
  type PrinterSagaOptions,
  printerAtStart,
  runPrinterSaga,
  sagaLog,
} from '../../src/printer-saga/index.ts';

export const config: SagaConfig = {
  backoff: { baseMs: 1_000, factor: 2, capMs: 60_000 },
  maxAttempts: 5,
  breaker: { failureThreshold: 3 },
};

/** How long the jobs table may lag the log, in virtual time, as `database.viewFlushIntervalMs`. */
export const flushMs = 20;

/** Lets promise callbacks (print outcomes, probe answers) run; no time passes. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

type Fact = Pick<EventToAppend, 'type' | 'data'>;

function streamOf(fact: Fact): string {
  const data = fact.data as { jobId?: string; printer?: string };
  if (data.jobId !== undefined) return streams.printJob(data.jobId);
  return streams.printer(data.printer ?? 'kitchen');
}

/**
 * A printer saga wired to a real log in a temp dir, the real jobs table written by the projector
 * (flushing `flushMs` after an append, in virtual time), a scripted printer and virtual time.
 * Outcomes are answered in the order the script lists them. `overrides` may wrap the defaults.
 */
export function harness(options: {
  history?: Fact[];
  outcomes?: (PrintOutcome | 'hang')[];
  probes?: boolean[];
  overrides?: (defaults: PrinterSagaOptions) => Partial<PrinterSagaOptions>;
}) {
  const scheduler = new VirtualTimeScheduler();
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-saga-')), 'log.db');
  const store = openEventStore({ file, clock: () => new Date(scheduler.now()) });
  const prints: { jobId: string; at: number; possibleDuplicate: boolean }[] = [];
  const probes: number[] = [];
  const outcomes = [...(options.outcomes ?? [])];
  const probeAnswers = [...(options.probes ?? [])];
  let facts = 0;
  /** Someone else (the monitor, a person, the ingress) writes to the log. */
  const record = (fact: Fact) => {
    facts += 1;
    store.append([eventToAppend(fact.type, streamOf(fact), `fact-${facts}`, fact.data as never)]);
  };
  for (const fact of options.history ?? []) record(fact);

  const connection = sqliteViewConnection(store.connection);
  const table = startViewProjector({
    store,
    connection,
    views: [printJobsView, connectivityView],
    scheduler,
    flushIntervalMs: flushMs,
  });
  table.flush();
  const connectivity = connectivityQueries(connection);

  const defaults: PrinterSagaOptions = {
    printer: 'kitchen',
    jobs: printJobQueries(connection),
    table,
    printerAtStart: () => printerAtStart({ connectivity, tables: table }, store, 'kitchen'),
    log: sagaLog(store, 'kitchen'),
    print: (job) => {
      prints.push({ jobId: job.jobId, at: scheduler.now(), possibleDuplicate: job.possibleDuplicate });
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
    stopTimeoutMs: 5_000,
  };
  const saga = runPrinterSaga({ ...defaults, ...options.overrides?.(defaults) });

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

  const log = (): AnyDomainEvent[] => store.read().map(toDomainEvent);
  return {
    saga,
    scheduler,
    log,
    prints,
    probes,
    record,
    advanceTo,
    types: () => log().map((event) => event.type),
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
