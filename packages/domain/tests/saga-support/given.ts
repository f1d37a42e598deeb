import {
  decidePrinter,
  type EventToAppend,
  initialPrinterSaga,
  type PrinterAtStart,
  type PrinterSagaCommand,
  type PrinterSagaInput,
  type PrinterSagaState,
  type PrintJobView,
  type SagaConfig,
} from '../../src/index.ts';
import { config as defaultConfig, half, t0 } from './fixtures.ts';
import { type Fact, type LoggedEvent, memoryLog } from './memory-log.ts';

export type { Fact } from './memory-log.ts';

/** What one `when` produced, including everything its own appends and the table's commits caused. */
export interface Result {
  readonly commands: PrinterSagaCommand[];
  /** What the saga appended (rejected appends are not here). */
  readonly appended: EventToAppend[];
  readonly printed: string[];
  readonly probes: number;
  readonly wakes: number[];
  /** Streams on which an append of the saga lost a race. */
  readonly conflicts: string[];
  readonly state: PrinterSagaState;
}

/** A `when` takes saga inputs, and facts that others (the monitor, a person) write to the log. */
export type Happening = PrinterSagaInput | Fact;

export interface Scenario {
  readonly state: PrinterSagaState;
  /** The job as the whole log tells it (the table may not have caught up). */
  job(jobId: string): PrintJobView | undefined;
  readonly log: readonly LoggedEvent[];
  /** Moves the clock to `t0 + ms`. */
  at(ms: number): Scenario;
  /** The table commits what the log holds, and the saga hears of it. */
  commit(): Outcome;
  when(...happenings: Happening[]): Outcome;
}

/** A result that reads on: `.then(check)` and back to the scenario. */
export type Outcome = Result & Scenario & { then(check: (result: Result) => void): Scenario };

interface Options {
  readonly printer?: string;
  readonly config?: SagaConfig;
  readonly random?: () => number;
  /** Leave the saga before its start (no `resume` yet). */
  readonly resume?: boolean;
  /** What the views say about the printer at start (default: unknown, breaker closed). */
  readonly atStart?: Partial<PrinterAtStart>;
  /** `held`: the table commits only when the spec says so, to show the saga reading a stale table. */
  readonly commits?: 'after-each-step' | 'held';
}

function isFact(happening: Happening): happening is Fact {
  return 'type' in happening;
}

/**
 * Given these facts in the log and the table, when these inputs (or others' facts) arrive, then
 * these commands and events. Appends are answered at once, as the store does; the table commits
 * whenever the saga has nothing left to do (unless held), so each `when` runs to quiescence.
 */
export function given(
  facts: readonly Fact[],
  options: Options = {},
): Outcome & { readonly recovery: Result; resume(): PrinterSagaInput } {
  const cfg = options.config ?? defaultConfig;
  const random = options.random ?? half;
  let now = t0;
  const log = memoryLog(() => now);
  let state = initialPrinterSaga(options.printer ?? 'kitchen');
  for (const fact of facts) log.record(fact);
  log.commit();

  function run(happenings: Happening[], commitFirst = false): Result {
    const result = {
      commands: [] as PrinterSagaCommand[],
      appended: [] as EventToAppend[],
      printed: [] as string[],
      conflicts: [] as string[],
    };
    let probes = 0;
    const wakes: number[] = [];
    const pending: PrinterSagaInput[] = [];
    const tail = (events: readonly LoggedEvent[]) => {
      for (const event of events) pending.push({ kind: 'event', event });
    };
    const settle = () => {
      for (let input = pending.shift(); input !== undefined; input = pending.shift()) {
        const step = decidePrinter(state, input, { config: cfg, now: new Date(now), random, jobs: log.jobs });
        state = step.state;
        for (const command of step.commands) {
          result.commands.push(command);
          if (command.kind === 'append') {
            const { answer, written } = log.append(command.events, command.expectedVersion);
            if (answer.kind === 'conflict') result.conflicts.push(answer.stream);
            else result.appended.push(...command.events);
            pending.unshift(answer);
            tail(written);
          }
          if (command.kind === 'print') result.printed.push(command.job.jobId);
          if (command.kind === 'probe') probes += 1;
          if (command.kind === 'wake-at') wakes.push(command.at.getTime() - t0);
        }
      }
    };
    const commit = () => {
      if (log.committed() === log.last()) return false;
      pending.push({ kind: 'committed', position: log.commit() });
      return true;
    };
    if (commitFirst) commit();
    // Each happening runs to quiescence (its appends' answers and the table's commits included).
    for (const happening of happenings) {
      if (isFact(happening)) tail([log.record(happening)]);
      else pending.push(happening);
      do settle();
      while (options.commits !== 'held' && commit());
    }
    settle();
    return { ...result, probes, wakes, state };
  }

  const resume = (): PrinterSagaInput => ({
    kind: 'resume',
    printer: {
      status: 'unknown',
      breaker: 'closed',
      breakerSerial: 0,
      position: log.last(),
      ...options.atStart,
    },
    logPosition: log.last(),
    committed: log.committed(),
  });

  const scenario: Scenario = {
    get state() {
      return state;
    },
    job: log.job,
    log: log.events,
    at(ms) {
      now = t0 + ms;
      return scenario;
    },
    commit: () => readOn(run([], true)),
    when: (...happenings) => readOn(run(happenings)),
  };
  function readOn(result: Result): Outcome {
    return {
      ...scenario,
      ...result,
      // biome-ignore lint/suspicious/noThenProperty: given / when / then is how the specifications read; nobody awaits it.
      then(check) {
        check(result);
        return scenario;
      },
    };
  }
  const recovery = options.resume === false ? run([]) : run([resume()]);
  return { ...readOn(recovery), recovery, resume };
}

/** The types of appended events, the shortest readable summary of what the saga wrote. */
export function types(result: Pick<Result, 'appended'>): string[] {
  return result.appended.map((event) => event.type);
}

/** The printer's transport outcomes, spelled as the transport reports them. */
export const outcome = {
  printed: (jobId: string): PrinterSagaInput => ({
    kind: 'outcome',
    jobId,
    outcome: { ok: true, confirmation: 'confirmed' },
  }),
  failed: (
    jobId: string,
    failure: 'timeout' | 'reset-mid-job' | 'error' | 'paper-end' | 'cover-open',
    reachedPrinter = true,
  ): PrinterSagaInput => ({
    kind: 'outcome',
    jobId,
    outcome: { ok: false, failure, detail: `printer said ${failure}`, reachedPrinter },
  }),
  off: (jobId: string): PrinterSagaInput => ({
    kind: 'outcome',
    jobId,
    outcome: { ok: false, failure: 'refused', detail: 'ECONNREFUSED', reachedPrinter: false },
  }),
};
