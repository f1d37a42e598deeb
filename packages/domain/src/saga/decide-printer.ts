import type { AnyDomainEvent, EventToAppend } from '../events.ts';
import { streams } from '../events.ts';
import { printableStatuses } from '../status.ts';
import { act, type SagaStep } from './act.ts';
import { nextAttemptDelay } from './backoff.ts';
import { breakerAfterAttempt, isPauseFailure, isTransportFailure } from './breaker.ts';
import { freshProbe, type PrinterSagaState } from './printer-saga-state.ts';
import { attemptFailed, breakerChanged, jobGaveUp, jobPrinted } from './saga-events.ts';
import type { AppendAnswer, PrinterSagaInput, PrintOutcome, SagaContext } from './saga-types.ts';

/** Adds a breaker change to what the next append records, and moves the breaker with it. */
function changeBreaker(state: PrinterSagaState, to: PrinterSagaState['breaker']): PrinterSagaState {
  if (to === state.breaker) return state;
  const serial = state.breakerSerial + 1;
  return {
    ...state,
    breaker: to,
    breakerSerial: serial,
    consecutiveFailures: to === 'closed' ? 0 : state.consecutiveFailures,
    probe: freshProbe(state),
    unrecorded: [...state.unrecorded, breakerChanged(state.printer, state.breaker, to, serial)],
  };
}

/**
 * The printer was seen back (printable status, or a good probe): jobs that waited only for it are
 * due from now on, and an open breaker half-opens to let exactly one job test it.
 */
function printerBack(state: PrinterSagaState, now: Date): PrinterSagaState {
  const back = { ...state, pausedBy: undefined, backSince: now.toISOString() };
  return state.breaker === 'open' ? changeBreaker(back, 'half-open') : back;
}

function onEvent(state: PrinterSagaState, event: AnyDomainEvent, now: Date): PrinterSagaState {
  if (event.type !== 'PrinterStatusChanged' || event.data.printer !== state.printer) return state;
  if (event.position <= state.statusPosition) return state;
  const seen = { ...state, status: event.data.to, statusPosition: event.position };
  if (!printableStatuses.includes(event.data.to)) return seen;
  return printerBack({ ...seen, probe: freshProbe(seen) }, now);
}

function onResume(state: PrinterSagaState, input: Extract<PrinterSagaInput, { kind: 'resume' }>) {
  const { printer } = input;
  return {
    ...state,
    resumed: true,
    status: printer.status,
    breaker: printer.breaker,
    breakerSerial: printer.breakerSerial,
    backSince: printer.backSince,
    statusPosition: printer.position,
    committed: input.committed,
    orphansAfter: input.logPosition,
  };
}

function onCommitted(state: PrinterSagaState, position: number): PrinterSagaState {
  if (position <= state.committed) return state;
  return { ...state, committed: position, unseen: state.unseen.filter((unseen) => unseen.until > position) };
}

function unseenUntil(state: PrinterSagaState, jobIds: readonly string[], until: number) {
  const others = state.unseen.filter((unseen) => !jobIds.includes(unseen.jobId));
  return [...others, ...jobIds.map((jobId) => ({ jobId, until }))];
}

function onAppended(state: PrinterSagaState, position: number): SagaStep {
  const { appending, inFlight } = state;
  const written: PrinterSagaState = {
    ...state,
    appending: undefined,
    unrecorded: [],
    unrecordedExpect: {},
    unseen: unseenUntil(state, appending?.jobIds ?? [], position),
    ...(appending?.requeue ? { orphansAfter: undefined, holdUntil: position } : {}),
    ...(appending?.release ? { holdUntil: position } : {}),
  };
  if (inFlight?.phase !== 'starting') return { state: written, commands: [] };
  return {
    state: { ...written, inFlight: { ...inFlight, phase: 'printing' } },
    commands: [{ kind: 'print', job: inFlight.job }],
  };
}

/**
 * Someone (a person, through the API) wrote to a job between the table read and the saga's append,
 * so nothing was written. The job sits out until the table shows what they did; a give-up that
 * relied on the job being untouched is dropped (the failure itself is still recorded).
 */
function onConflict(state: PrinterSagaState, answer: Extract<AppendAnswer, { kind: 'conflict' }>) {
  const { stream, position } = answer;
  const base: PrinterSagaState = { ...state, appending: undefined };
  if (state.appending?.requeue) return { ...base, orphansAfter: position };
  const touched = state.appending?.jobIds.filter((jobId) => streams.printJob(jobId) === stream) ?? [];
  const { [stream]: _lost, ...unrecordedExpect } = state.unrecordedExpect;
  return {
    ...base,
    inFlight: undefined,
    unseen: unseenUntil(state, touched, position),
    unrecorded: state.unrecorded.filter(
      (event) => !(event.type === 'PrintJobGaveUp' && event.stream === stream),
    ),
    unrecordedExpect,
  };
}

function onOutcome(
  state: PrinterSagaState,
  jobId: string,
  outcome: PrintOutcome,
  context: SagaContext,
): PrinterSagaState {
  const { inFlight, printer } = state;
  if (inFlight === undefined || inFlight.job.jobId !== jobId || inFlight.phase !== 'printing') return state;
  const { attempt, job } = inFlight;
  const events: EventToAppend[] = [];
  let unrecordedExpect = state.unrecordedExpect;
  let next: PrinterSagaState = { ...state, inFlight: undefined };
  if (outcome.ok) {
    events.push(jobPrinted({ jobId, printer, attempt, confirmation: outcome.confirmation }));
    next = { ...next, consecutiveFailures: 0, pausedBy: undefined, probe: freshProbe(next) };
  } else {
    const { failure, detail } = outcome;
    const counted = outcome.reachedPrinter || failure === 'reset-mid-job' || isPauseFailure(failure);
    const delay = nextAttemptDelay(attempt, context.config.backoff, context.random);
    const nextAttemptAt = new Date(context.now.getTime() + delay).toISOString();
    const maybeOnPaper = outcome.possibleDuplicate ? { possibleDuplicate: true as const } : {};
    events.push(
      attemptFailed({ jobId, printer, attempt, failure, detail, counted, nextAttemptAt, ...maybeOnPaper }),
    );
    const attempts = job.attempts + (counted ? 1 : 0);
    if (counted && attempts >= context.config.maxAttempts) {
      events.push(jobGaveUp({ jobId, printer, attempts, lastFailure: failure }, attempt));
      // Only if nobody touched the job since its start (a cancelled job is not given up).
      unrecordedExpect = { ...unrecordedExpect, [streams.printJob(jobId)]: job.version + 1 };
    }
    next = {
      ...next,
      consecutiveFailures: next.consecutiveFailures + (isTransportFailure(failure) ? 1 : 0),
      pausedBy: isPauseFailure(failure) ? failure : next.pausedBy,
    };
  }
  next = { ...next, unrecorded: [...next.unrecorded, ...events], unrecordedExpect };
  const breaker = breakerAfterAttempt(
    state.breaker,
    state.consecutiveFailures,
    outcome,
    context.config.breaker,
  );
  return changeBreaker(next, breaker);
}

function onProbe(state: PrinterSagaState, ok: boolean, context: SagaContext): PrinterSagaState {
  const { now } = context;
  if (!ok) {
    const failures = state.probe.failures + 1;
    const delay = nextAttemptDelay(failures + 1, context.config.backoff, context.random);
    const dueAt = new Date(now.getTime() + delay).toISOString();
    return { ...state, probe: { inFlight: false, failures, dueAt } };
  }
  const idle = { ...state, probe: { inFlight: false, failures: 0 } };
  if (state.breaker !== 'open' && state.pausedBy === undefined) return idle;
  return printerBack(idle, now);
}

function react(state: PrinterSagaState, input: PrinterSagaInput, context: SagaContext): SagaStep {
  const only = (next: PrinterSagaState): SagaStep => ({ state: next, commands: [] });
  switch (input.kind) {
    case 'resume':
      return only(onResume(state, input));
    case 'event':
      return only(onEvent(state, input.event, context.now));
    case 'committed':
      return only(onCommitted(state, input.position));
    case 'appended':
      return onAppended(state, input.position);
    case 'conflict':
      return only(onConflict(state, input));
    case 'tick':
      return only({ ...state, wakeAt: undefined });
    case 'drain':
      return only({ ...state, draining: true });
    case 'outcome':
      return only(onOutcome(state, input.jobId, input.outcome, context));
    case 'probe-result':
      return only(onProbe(state, input.ok, context));
  }
}

/**
 * The printer saga's whole brain, one printer at a time: reacts to its start, the printer's status,
 * the jobs table's progress, the clock and its own I/O, then takes the initiative (`act`). Pure
 * given the table's answers — the shell performs the commands in order and feeds their results
 * back — so every retry, pause and resume rule is tested without a printer or a database.
 */
export function decidePrinter(
  state: PrinterSagaState,
  input: PrinterSagaInput,
  context: SagaContext,
): SagaStep {
  const reacted = react(state, input, context);
  const acted = act(reacted.state, context);
  return { state: acted.state, commands: [...reacted.commands, ...acted.commands] };
}
