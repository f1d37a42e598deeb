import type { EventToAppend } from '../events.ts';
import { nextDueJob } from '../queue/next-due-job.ts';
import { nextAttemptDelay } from './backoff.ts';
import { type PrinterSagaState, statusAllowsPrinting } from './printer-saga-state.ts';
import { attemptStarted, jobRequeued } from './saga-events.ts';
import type { PrinterSagaCommand, SagaConfig } from './saga-types.ts';

/** What one decision produced. */
export interface SagaStep {
  readonly state: PrinterSagaState;
  readonly commands: PrinterSagaCommand[];
}

function wakeAt(state: PrinterSagaState, at: Date | undefined): SagaStep {
  if (at === undefined || state.wakeAt === at.toISOString()) return { state, commands: [] };
  return { state: { ...state, wakeAt: at.toISOString() }, commands: [{ kind: 'wake-at', at }] };
}

function earliestRetry(state: PrinterSagaState): Date | undefined {
  let earliest: number | undefined;
  for (const job of state.queue.jobs.values()) {
    if (job.state !== 'retry-wait' || job.nextAttemptAt === undefined) continue;
    const at = Date.parse(job.nextAttemptAt);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest === undefined ? undefined : new Date(earliest);
}

/** Asks for a probe when one is due, otherwise for a wake-up when it will be. */
function probeWhenDue(
  state: PrinterSagaState,
  config: SagaConfig,
  now: Date,
  random: () => number,
): SagaStep {
  if (state.probe.inFlight) return { state, commands: [] };
  const dueAt =
    state.probe.dueAt ??
    new Date(
      now.getTime() + nextAttemptDelay(state.probe.failures + 1, config.backoff, random),
    ).toISOString();
  if (Date.parse(dueAt) <= now.getTime()) {
    return {
      state: { ...state, probe: { inFlight: true, failures: state.probe.failures } },
      commands: [{ kind: 'probe' }],
    };
  }
  return wakeAt({ ...state, probe: { ...state.probe, dueAt } }, new Date(dueAt));
}

/**
 * After every input: the saga's own initiative. Requeues jobs a crash left `printing`, probes a
 * printer it will not send to, starts the best due job when the printer is free, or asks to be
 * woken when the next retry falls due. Nothing happens before recovery or while a job is in flight.
 */
export function act(state: PrinterSagaState, config: SagaConfig, now: Date, random: () => number): SagaStep {
  if (!state.recovered) return { state, commands: [] };
  const orphans = [...state.queue.jobs.values()].filter(
    (job) => job.state === 'printing' && job.jobId !== state.inFlight?.jobId,
  );
  const fresh = orphans.filter((job) => !state.requeueing.includes(job.jobId));
  if (fresh.length > 0) {
    const events: EventToAppend[] = fresh.map((job) => jobRequeued(job.jobId, job.totalAttempts));
    return {
      state: { ...state, requeueing: [...state.requeueing, ...fresh.map((job) => job.jobId)] },
      commands: [{ kind: 'append', events }],
    };
  }
  if (orphans.length > 0 || state.inFlight !== undefined || state.draining) return { state, commands: [] };
  if ((state.breaker === 'open' && !state.halfOpenRequested) || state.pausedBy !== undefined) {
    return probeWhenDue(state, config, now, random);
  }
  if (state.breaker === 'open' || !statusAllowsPrinting(state.status)) return { state, commands: [] };
  const job = nextDueJob(state.queue, state.printer, now);
  if (job === undefined) return wakeAt(state, earliestRetry(state));
  const attempt = job.totalAttempts + 1;
  return {
    state: { ...state, inFlight: { jobId: job.jobId, attempt, phase: 'starting' } },
    commands: [
      { kind: 'append', events: [attemptStarted({ jobId: job.jobId, printer: state.printer, attempt })] },
    ],
  };
}
