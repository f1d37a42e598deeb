import { type EventToAppend, streams } from '../events.ts';
import { releaseEvent } from '../queue/hold-moves.ts';
import { nextAttemptDelay } from './backoff.ts';
import { type PrinterSagaState, statusAllowsPrinting } from './printer-saga-state.ts';
import { attemptStarted, jobRequeued } from './saga-events.ts';
import type { PrinterSagaCommand, SagaContext } from './saga-types.ts';

/** What one decision produced. */
export interface SagaStep {
  readonly state: PrinterSagaState;
  readonly commands: PrinterSagaCommand[];
}

const nothing = (state: PrinterSagaState): SagaStep => ({ state, commands: [] });

/** The job ids an append writes to: their rows are stale until the table has read it. */
function jobIdsOf(events: readonly EventToAppend[]): string[] {
  const ids = events.flatMap((event) => ('jobId' in event.data ? [event.data.jobId] : []));
  return [...new Set(ids)];
}

function append(
  state: PrinterSagaState,
  events: EventToAppend[],
  expectedVersion: Readonly<Record<string, number>>,
  requeue = false,
  release = false,
): SagaStep {
  return {
    state: { ...state, appending: { jobIds: jobIdsOf(events), requeue, release } },
    commands: [{ kind: 'append', events, expectedVersion }],
  };
}

/** Writes the outcomes and breaker changes decided since the last append, on their own. */
function record(state: PrinterSagaState): SagaStep {
  if (state.unrecorded.length === 0) return nothing(state);
  return append(state, [...state.unrecorded], state.unrecordedExpect);
}

/** The sooner of two wake-up times (either may be absent). */
function sooner(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function wakeAt(step: SagaStep, at: string | undefined, now: Date): SagaStep {
  const { state } = step;
  // A retry already due that the table did not offer is one the saga just wrote to: the table's
  // next commit brings it back, so no timer is needed (and none may spin).
  if (at === undefined || Date.parse(at) <= now.getTime() || state.wakeAt === at) return step;
  return {
    state: { ...state, wakeAt: at },
    commands: [...step.commands, { kind: 'wake-at', at: new Date(at) }],
  };
}

/** Asks for a probe when one is due, otherwise for a wake-up when it will be. */
function probeWhenDue(step: SagaStep, context: SagaContext, holdAt: string | undefined): SagaStep {
  const { state } = step;
  const { now } = context;
  if (state.probe.inFlight) return step;
  const dueAt =
    state.probe.dueAt ??
    new Date(
      now.getTime() + nextAttemptDelay(state.probe.failures + 1, context.config.backoff, context.random),
    ).toISOString();
  if (Date.parse(dueAt) <= now.getTime()) {
    return {
      state: { ...state, probe: { inFlight: true, failures: state.probe.failures } },
      commands: [...step.commands, { kind: 'probe' }],
    };
  }
  return wakeAt(
    { ...step, state: { ...state, probe: { ...state.probe, dueAt } } },
    sooner(dueAt, holdAt),
    now,
  );
}

/**
 * Requeues, as possible duplicates, the jobs the table shows printing once it holds the log as it
 * stood at start: a crash (or a restart after a full disk) left them half on paper, maybe.
 */
function requeueOrphans(state: PrinterSagaState, context: SagaContext): SagaStep | PrinterSagaState {
  const orphans = context.jobs
    .printing(state.printer)
    .filter((job) => job.jobId !== state.inFlight?.job.jobId);
  if (orphans.length === 0) return { ...state, orphansAfter: undefined };
  const expected = Object.fromEntries(orphans.map((job) => [streams.printJob(job.jobId), job.version]));
  return append(
    state,
    orphans.map((job) => jobRequeued(job.jobId, job.totalAttempts)),
    expected,
    true,
  );
}

/**
 * Releases, in one append, every held pre-order ticket whose prep time has come, whatever the
 * printer's state: a box that was off at 19:00 releases them all at start, and they print by
 * priority once the table shows them (a down printer's waiting tickets can go to its fallback).
 */
function releaseDueHolds(
  state: PrinterSagaState,
  context: SagaContext,
  holdAt: string | undefined,
): SagaStep | undefined {
  if (holdAt === undefined || Date.parse(holdAt) > context.now.getTime()) return undefined;
  const excluding = new Set(state.unseen.map((unseen) => unseen.jobId));
  const due = context.jobs
    .dueHolds(state.printer, context.now.toISOString())
    .filter((job) => !excluding.has(job.jobId));
  if (due.length === 0) return undefined;
  const expected = Object.fromEntries(due.map((job) => [streams.printJob(job.jobId), job.version]));
  return append(
    state,
    [...state.unrecorded, ...due.map((job) => releaseEvent(job, 'due'))],
    { ...state.unrecordedExpect, ...expected },
    false,
    true,
  );
}

/**
 * After every input: the saga's own initiative. Requeues jobs a crash left printing, probes a
 * printer it will not send to, releases held tickets whose prep time came, starts the best due job
 * when the printer is free (in the same append as the outcome of the job before, so each ticket
 * costs one commit), or asks to be woken when the next retry or hold falls due. It asks the jobs
 * table only indexed questions, a few per decision.
 */
export function act(initial: PrinterSagaState, context: SagaContext): SagaStep {
  let state = initial;
  if (!state.resumed || state.appending !== undefined) return nothing(state);
  if (state.orphansAfter !== undefined) {
    if (state.committed < state.orphansAfter) return record(state);
    const requeued = requeueOrphans(state, context);
    if ('commands' in requeued) return requeued;
    state = requeued;
  }
  if (state.inFlight !== undefined || state.draining || state.committed < state.holdUntil)
    return record(state);
  const { printer } = state;
  const holdAt = context.jobs.earliestHold(printer);
  const released = releaseDueHolds(state, context, holdAt);
  if (released !== undefined) return released;
  if (state.breaker === 'open' || state.pausedBy !== undefined)
    return probeWhenDue(record(state), context, holdAt);
  if (!statusAllowsPrinting(state.status)) return wakeAt(record(state), holdAt, context.now);
  const now = context.now.toISOString();
  const excluding = state.unseen.map((unseen) => unseen.jobId);
  const job = context.jobs.nextDue(printer, now, state.backSince, excluding);
  if (job === undefined)
    return wakeAt(record(state), sooner(context.jobs.earliestRetry(printer), holdAt), context.now);
  const attempt = job.totalAttempts + 1;
  return append(
    { ...state, inFlight: { job, attempt, phase: 'starting' } },
    [...state.unrecorded, attemptStarted({ jobId: job.jobId, printer, attempt })],
    { ...state.unrecordedExpect, [streams.printJob(job.jobId)]: job.version },
  );
}
