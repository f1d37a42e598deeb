import {
  type AnyDomainEvent,
  decidePrinter,
  type EventToAppend,
  initialPrinterSaga,
  type PrinterSagaCommand,
  type PrinterSagaInput,
  type PrinterSagaState,
  type PrintOutcome,
  type SagaConfig,
} from '@bonrelay/domain';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';

/** Everything one printer's saga needs from the outside world; all of it injected, so tests run in virtual time. */
export interface PrinterSagaOptions {
  readonly printer: string;
  /** The log, replayed from the start and then live; the saga's own appends come back through it. */
  readonly events$: Observable<AnyDomainEvent>;
  /** Appends durably (synchronously). A throw stops the saga: the log is the saga's memory. */
  readonly append: (events: EventToAppend[]) => void;
  /** Sends one job to the printer. Should not throw; a throw counts as an `error` that reached the printer. */
  readonly print: (jobId: string) => Promise<PrintOutcome>;
  /** Asks the printer whether it can print now. */
  readonly probe: () => Promise<boolean>;
  readonly scheduler: SchedulerLike;
  readonly config: SagaConfig;
  readonly random: () => number;
  /**
   * The log position at start (`store.lastPosition()`): the saga acts, and recovers jobs a crash
   * left printing, only once it has read this far. 0 acts at once.
   */
  readonly replayUntil: number;
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
 * The imperative shell around `decidePrinter`: feeds it the log, print outcomes, probe answers and
 * wake-ups on the injected scheduler, one input at a time, and performs its commands in order.
 * Inputs that arrive while one is being handled (an append echoed back synchronously) queue up, so
 * the pure core never sees re-entrancy.
 */
export function runPrinterSaga(options: PrinterSagaOptions): PrinterSagaHandle {
  const { scheduler, config, random } = options;
  let state = initialPrinterSaga(options.printer);
  const inbox: PrinterSagaInput[] = [];
  let busy = false;
  let stopped = false;
  let recoverSent = false;
  let wake: Subscription | undefined;
  let inFlight: Promise<void> | undefined;
  let subscription: Subscription | undefined;

  function shutdown(): void {
    stopped = true;
    inbox.length = 0;
    wake?.unsubscribe();
    subscription?.unsubscribe();
  }

  function fail(error: unknown): void {
    options.onError?.(error);
    shutdown();
  }

  function perform(command: PrinterSagaCommand): void {
    switch (command.kind) {
      case 'append':
        try {
          options.append(command.events);
        } catch (error) {
          fail(error);
        }
        return;
      case 'print': {
        const { jobId } = command;
        inFlight = options
          .print(jobId)
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

  function feed(input: PrinterSagaInput): void {
    if (stopped) return;
    inbox.push(input);
    if (busy) return;
    busy = true;
    try {
      for (let next = inbox.shift(); next !== undefined && !stopped; next = inbox.shift()) {
        const step = decidePrinter(state, next, config, new Date(scheduler.now()), random);
        state = step.state;
        for (const command of step.commands) if (!stopped) perform(command);
      }
    } finally {
      busy = false;
    }
  }

  function recoverOnce(): void {
    if (recoverSent) return;
    recoverSent = true;
    feed({ kind: 'recover' });
  }

  subscription = options.events$.subscribe({
    next: (event) => {
      feed({ kind: 'event', event });
      if (event.position >= options.replayUntil) recoverOnce();
    },
    error: fail,
  });
  if (options.replayUntil <= 0) recoverOnce();

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
