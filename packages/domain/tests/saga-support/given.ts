import {
  type AnyDomainEvent,
  decidePrinter,
  type EventToAppend,
  initialPrinterSaga,
  type PrinterSagaCommand,
  type PrinterSagaInput,
  type PrinterSagaState,
  reducePrinterSaga,
  type SagaConfig,
} from '../../src/index.ts';
import { config as defaultConfig, half, t0 } from './fixtures.ts';

/** A fact for `given`: type and data; position and time are filled in. */
export type Fact = Pick<AnyDomainEvent, 'type' | 'data'>;

/** What one `when` produced, including everything its own appends caused once they came back from the log. */
export interface Result {
  readonly commands: PrinterSagaCommand[];
  readonly appended: EventToAppend[];
  readonly printed: string[];
  readonly probes: number;
  readonly wakes: number[];
  readonly state: PrinterSagaState;
}

export interface Scenario {
  readonly state: PrinterSagaState;
  /** Moves the clock to `t0 + ms`. */
  at(ms: number): Scenario;
  when(
    ...inputs: PrinterSagaInput[]
  ): Result & Scenario & { then(check: (result: Result) => void): Scenario };
}

interface Options {
  readonly printer?: string;
  readonly config?: SagaConfig;
  readonly random?: () => number;
  /** Leave the saga in replay mode (no `recover` yet). */
  readonly recover?: boolean;
}

/**
 * Given these facts in the log, when these inputs arrive, then these commands and events. Appended
 * events are echoed back as log events, as the real log does, so a `when` runs to quiescence.
 */
export function given(facts: readonly Fact[], options: Options = {}): Scenario & { recovery: Result } {
  const cfg = options.config ?? defaultConfig;
  const random = options.random ?? half;
  let position = 0;
  let now = t0;
  let state = initialPrinterSaga(options.printer ?? 'kitchen');
  const toLog = (fact: Fact): AnyDomainEvent =>
    ({ ...fact, position: ++position, recordedAt: new Date(now).toISOString() }) as AnyDomainEvent;
  for (const fact of facts) state = reducePrinterSaga(state, toLog(fact));

  function run(inputs: PrinterSagaInput[]): Result {
    const result = {
      commands: [] as PrinterSagaCommand[],
      appended: [] as EventToAppend[],
      printed: [] as string[],
    };
    let probes = 0;
    const wakes: number[] = [];
    // Each input runs to quiescence (its echoes included) before the next one arrives.
    for (const first of inputs) {
      const pending = [first];
      for (let input = pending.shift(); input !== undefined; input = pending.shift()) {
        const step = decidePrinter(state, input, cfg, new Date(now), random);
        state = step.state;
        for (const command of step.commands) {
          result.commands.push(command);
          if (command.kind === 'append') {
            result.appended.push(...command.events);
            for (const event of command.events) pending.push({ kind: 'event', event: toLog(event) });
          }
          if (command.kind === 'print') result.printed.push(command.jobId);
          if (command.kind === 'probe') probes += 1;
          if (command.kind === 'wake-at') wakes.push(command.at.getTime() - t0);
        }
      }
    }
    return { ...result, probes, wakes, state };
  }

  const scenario: Scenario = {
    get state() {
      return state;
    },
    at(ms) {
      now = t0 + ms;
      return scenario;
    },
    when(...inputs) {
      const result = run(inputs);
      return {
        ...result,
        at: scenario.at,
        when: scenario.when,
        // biome-ignore lint/suspicious/noThenProperty: given / when / then is how the specifications read; nobody awaits it.
        then(check) {
          check(result);
          return scenario;
        },
      };
    },
  };
  const recovery = options.recover === false ? run([]) : run([{ kind: 'recover' }]);
  return Object.assign(scenario, { recovery });
}

/** The types of appended events, the shortest readable summary of what the saga wrote. */
export function types(result: Result): string[] {
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
