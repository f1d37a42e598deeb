import {
  type AnyDomainEvent,
  type AppendAnswer,
  decidePrinter,
  type EventToAppend,
  initialPrinterSaga,
  type PrinterAtStart,
  type PrinterJobs,
  type PrinterSagaCommand,
  type PrinterSagaInput,
  type PrinterSagaState,
  type PrintJobView,
  type PrintOutcome,
  type SagaConfig,
} from '@bonrelay/domain';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import { oneAtATime } from '../one-at-a-time.ts';

/** The log as the saga uses it: where it ends, its printer's status changes, and guarded appends. */
export interface SagaLog {
  lastPosition(): number;
  /** This printer's status changes after `after`, then live. */
  printerStatus$(after: number): Observable<AnyDomainEvent>;
  /**
   * Appends durably (synchronously) if each stream in `expectedVersion` is still at that version.
   * A lost race is an answer; any other failure throws, and stops the saga (the log is its memory).
   */
  append(events: EventToAppend[], expectedVersion: Readonly<Record<string, number>>): AppendAnswer;
}

/** How far the jobs table has read the log. */
export interface JobsTableProgress {
  position(): number;
  /** Each position the table reaches, after its batch committed. */
  readonly committed$: Observable<number>;
  /** Resolves once the table holds the log as it stood when the service started. */
  readonly caughtUp: Promise<void>;
}

/** Everything one printer's saga needs from the outside world; all of it injected, so tests run in virtual time. */
export interface PrinterSagaOptions {
  readonly printer: string;
  readonly jobs: PrinterJobs;
  readonly table: JobsTableProgress;
  /** What the views say about the printer, read once when the saga resumes. */
  readonly printerAtStart: () => PrinterAtStart;
  readonly log: SagaLog;
  /** Sends one job to the printer. Should not throw; a throw counts as an `error` that reached the printer. */
  readonly print: (job: PrintJobView) => Promise<PrintOutcome>;
  /** Asks the printer whether it can print now. */
  readonly probe: () => Promise<boolean>;
  readonly scheduler: SchedulerLike;
  readonly config: SagaConfig;
  readonly random: () => number;
  /** How long `stop()` waits for the job in flight. */
  readonly stopTimeoutMs: number;
  /** Told about a failed append or a broken log before the saga stops itself. */
  readonly onError?: (error: unknown) => void;
}

export interface PrinterSagaHandle {
  /** Starts no new job, waits (up to `stopTimeoutMs`) for the one in flight to be recorded, then lets go. */
  stop(): Promise<void>;
  /** The saga's current state, for diagnostics. */
  readonly state: PrinterSagaState;
}

/**
 * The imperative shell around `decidePrinter`. Once the jobs table has caught up it resumes from
 * the views (no replay of the log), then feeds the core its printer's status changes, the table's
 * commits, print outcomes, probe answers and wake-ups on the injected scheduler, one input at a
 * time, and performs its commands in order. An append's answer is handled before anything that
 * arrived meanwhile, so the core never sees re-entrancy or a decision overtaken by its own echo.
 */
export function runPrinterSaga(options: PrinterSagaOptions): PrinterSagaHandle {
  const { scheduler, config, random, jobs } = options;
  let state = initialPrinterSaga(options.printer);
  const subscriptions: Subscription[] = [];
  let stopped = false;
  let wake: Subscription | undefined;
  let inFlight: Promise<void> | undefined;

  function shutdown(): void {
    stopped = true;
    turns.clear();
    wake?.unsubscribe();
    for (const subscription of subscriptions) subscription.unsubscribe();
  }

  function fail(error: unknown): void {
    if (stopped) return;
    options.onError?.(error);
    shutdown();
  }

  function perform(command: PrinterSagaCommand): void {
    switch (command.kind) {
      case 'append':
        try {
          turns.takeFirst(options.log.append(command.events, command.expectedVersion));
        } catch (error) {
          fail(error);
        }
        return;
      case 'print': {
        const { jobId } = command.job;
        inFlight = options
          .print(command.job)
          .catch(
            (error: unknown): PrintOutcome => ({
              ok: false,
              failure: 'error',
              detail: String(error),
              reachedPrinter: true,
            }),
          )
          .then((outcome) => feed({ kind: 'outcome', jobId, outcome }));
        return;
      }
      case 'probe':
        options.probe().then(
          (ok) => feed({ kind: 'probe-result', ok }),
          () => feed({ kind: 'probe-result', ok: false }),
        );
        return;
      case 'wake-at':
        wake?.unsubscribe();
        wake = scheduler.schedule(
          () => feed({ kind: 'tick' }),
          Math.max(0, command.at.getTime() - scheduler.now()),
        );
        return;
    }
  }

  const turns = oneAtATime<PrinterSagaInput>((input) => {
    if (stopped) return;
    const now = new Date(scheduler.now());
    const step = decidePrinter(state, input, { config, now, random, jobs });
    state = step.state;
    for (const command of step.commands) if (!stopped) perform(command);
  }, fail);

  function feed(input: PrinterSagaInput): void {
    if (!stopped) turns.take(input);
  }

  function resume(): void {
    if (stopped) return;
    const printer = options.printerAtStart();
    const committed = options.table.position();
    feed({ kind: 'resume', printer, logPosition: options.log.lastPosition(), committed });
    subscriptions.push(
      options.log.printerStatus$(printer.position).subscribe({
        next: (event) => feed({ kind: 'event', event }),
        error: fail,
      }),
      options.table.committed$.subscribe({
        next: (position) => feed({ kind: 'committed', position }),
        error: fail,
      }),
    );
  }

  options.table.caughtUp.then(resume).catch(fail);

  return {
    get state() {
      return state;
    },
    async stop() {
      if (stopped) return;
      feed({ kind: 'drain' });
      let timeout: Subscription | undefined;
      await Promise.race([
        inFlight ?? Promise.resolve(),
        new Promise<void>((resolve) => {
          timeout = scheduler.schedule(() => resolve(), options.stopTimeoutMs);
        }),
      ]);
      timeout?.unsubscribe();
      shutdown();
    },
  };
}
