import type { AnyDomainEvent, EventToAppend } from '../events.ts';
import type { PrintQueue } from '../queue/print-job-view.ts';
import { printableStatuses } from '../status.ts';
import { act, type SagaStep } from './act.ts';
import { nextAttemptDelay } from './backoff.ts';
import { breakerAfterAttempt, isPauseFailure } from './breaker.ts';
import { type PrinterSagaState, reducePrinterSaga } from './printer-saga-state.ts';
import { attemptFailed, breakerChanged, jobGaveUp, jobPrinted } from './saga-events.ts';
import type { PrinterSagaInput, PrintOutcome, SagaConfig } from './saga-types.ts';

/**
 * Jobs that failed only because the printer was off, out of paper or open need not sit out their
 * backoff once it is back: they become due now, so the kitchen gets them at once.
 */
function resumeWaitingJobs(queue: PrintQueue, now: Date): PrintQueue {
  let jobs = queue.jobs;
  for (const job of queue.jobs.values()) {
    const printerWasDown =
      job.lastFailureCounted === false || (job.lastFailure !== undefined && isPauseFailure(job.lastFailure));
    if (job.state !== 'retry-wait' || !printerWasDown) continue;
    jobs = jobs.set(job.jobId, { ...job, nextAttemptAt: now.toISOString() });
  }
  return jobs === queue.jobs ? queue : { ...queue, jobs };
}

function printerBack(state: PrinterSagaState, now: Date): PrinterSagaState {
  const resumed = { ...state, queue: resumeWaitingJobs(state.queue, now), pausedBy: undefined };
  if (state.breaker !== 'open' || state.halfOpenRequested) return resumed;
  return { ...resumed, halfOpenRequested: true };
}

function halfOpenEvents(before: PrinterSagaState, after: PrinterSagaState): EventToAppend[] {
  if (before.halfOpenRequested || !after.halfOpenRequested) return [];
  return [breakerChanged(after.printer, 'open', 'half-open', after.breakerChanges + 1)];
}

function onEvent(state: PrinterSagaState, event: AnyDomainEvent, now: Date): SagaStep {
  let next = reducePrinterSaga(state, event);
  const inFlight = next.inFlight;
  const data = event.data as { jobId?: string; attempt?: number; printer?: string };
  if (
    inFlight?.phase === 'starting' &&
    event.type === 'PrintAttemptStarted' &&
    data.jobId === inFlight.jobId
  ) {
    if (next.queue.jobs.get(inFlight.jobId)?.state !== 'printing')
      return { state: { ...next, inFlight: undefined }, commands: [] };
    return {
      state: { ...next, inFlight: { ...inFlight, phase: 'printing' } },
      commands: [{ kind: 'print', jobId: inFlight.jobId }],
    };
  }
  if (
    inFlight?.phase === 'recording' &&
    event.type === inFlight.awaiting &&
    (data.jobId === inFlight.jobId || (data.jobId === undefined && data.printer === next.printer))
  ) {
    next = { ...next, inFlight: undefined };
  }
  if (event.type === 'PrinterStatusChanged' && next !== state && printableStatuses.includes(event.data.to)) {
    const back = printerBack(next, now);
    const events = halfOpenEvents(next, back);
    return { state: back, commands: events.length > 0 ? [{ kind: 'append', events }] : [] };
  }
  return { state: next, commands: [] };
}

function onOutcome(
  state: PrinterSagaState,
  jobId: string,
  outcome: PrintOutcome,
  config: SagaConfig,
  now: Date,
  random: () => number,
): SagaStep {
  const inFlight = state.inFlight;
  if (inFlight === undefined || inFlight.jobId !== jobId || inFlight.phase !== 'printing')
    return { state, commands: [] };
  const { printer } = state;
  const { attempt } = inFlight;
  const job = state.queue.jobs.get(jobId);
  const events: EventToAppend[] = [];
  if (outcome.ok) {
    events.push(jobPrinted({ jobId, printer, attempt, confirmation: outcome.confirmation }));
  } else {
    const counted =
      outcome.reachedPrinter || outcome.failure === 'reset-mid-job' || isPauseFailure(outcome.failure);
    const nextAttemptAt = new Date(
      now.getTime() + nextAttemptDelay(attempt, config.backoff, random),
    ).toISOString();
    const { failure, detail } = outcome;
    events.push(attemptFailed({ jobId, printer, attempt, failure, detail, counted, nextAttemptAt }));
    const attempts = (job?.attempts ?? 0) + (counted ? 1 : 0);
    if (counted && job !== undefined && attempts >= config.maxAttempts) {
      events.push(jobGaveUp({ jobId, printer, attempts, lastFailure: failure }, attempt));
    }
  }
  const breaker = breakerAfterAttempt(state.breaker, state.consecutiveFailures, outcome, config.breaker);
  if (breaker !== state.breaker)
    events.push(breakerChanged(printer, state.breaker, breaker, state.breakerChanges + 1));
  const awaiting = events[events.length - 1]!.type;
  return {
    state: { ...state, inFlight: { ...inFlight, phase: 'recording', awaiting } },
    commands: [{ kind: 'append', events }],
  };
}

function onProbe(
  state: PrinterSagaState,
  ok: boolean,
  config: SagaConfig,
  now: Date,
  random: () => number,
): SagaStep {
  if (!ok) {
    const failures = state.probe.failures + 1;
    const dueAt = new Date(
      now.getTime() + nextAttemptDelay(failures + 1, config.backoff, random),
    ).toISOString();
    return { state: { ...state, probe: { inFlight: false, failures, dueAt } }, commands: [] };
  }
  const idle = { ...state, probe: { inFlight: false, failures: 0 } };
  if (state.breaker !== 'open' && state.pausedBy === undefined) return { state: idle, commands: [] };
  const back = printerBack(idle, now);
  const events = halfOpenEvents(idle, back);
  return { state: back, commands: events.length > 0 ? [{ kind: 'append', events }] : [] };
}

function react(
  state: PrinterSagaState,
  input: PrinterSagaInput,
  config: SagaConfig,
  now: Date,
  random: () => number,
): SagaStep {
  switch (input.kind) {
    case 'event':
      return onEvent(state, input.event, now);
    case 'tick':
      return { state: { ...state, wakeAt: undefined }, commands: [] };
    case 'recover':
      return { state: { ...state, recovered: true }, commands: [] };
    case 'drain':
      return { state: { ...state, draining: true }, commands: [] };
    case 'outcome':
      return onOutcome(state, input.jobId, input.outcome, config, now, random);
    case 'probe-result':
      return onProbe(state, input.ok, config, now, random);
  }
}

/**
 * The printer saga's whole brain, one printer at a time: reacts to the log, the clock and its
 * transport, then takes the initiative (`act`). Pure — the shell performs the commands in order and
 * feeds their results back — so every retry, pause and resume rule is tested without a printer.
 */
export function decidePrinter(
  state: PrinterSagaState,
  input: PrinterSagaInput,
  config: SagaConfig,
  now: Date,
  random: () => number,
): SagaStep {
  const reacted = react(state, input, config, now, random);
  const acted = act(reacted.state, config, now, random);
  return { state: acted.state, commands: [...reacted.commands, ...acted.commands] };
}
