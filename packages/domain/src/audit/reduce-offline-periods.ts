import type { AnyDomainEvent } from '../events.ts';
import { printableStatuses } from '../status.ts';
import type { OfflineAuditState, OfflineComponent, RecordedOfflinePeriod } from './offline-period.ts';

function replacePeriod(
  state: OfflineAuditState,
  index: number,
  period: RecordedOfflinePeriod,
): OfflineAuditState {
  const periods = state.periods.slice();
  periods[index] = period;
  return { ...state, periods };
}

function withCause(cause: string, status: string): string {
  return cause.split(' → ').at(-1) === status ? cause : `${cause} → ${status}`;
}

function goDown(
  state: OfflineAuditState,
  component: OfflineComponent,
  status: string,
  at: string,
  failedTargets?: readonly string[],
): OfflineAuditState {
  const index = state.open[component];
  const current = index === undefined ? undefined : state.periods[index];
  if (index === undefined || !current) {
    const period: RecordedOfflinePeriod = {
      component,
      start: at,
      cause: status,
      ...(failedTargets ? { failedTargets } : {}),
      ordersReceived: [],
      jobsBuffered: 0,
    };
    return {
      ...state,
      periods: [...state.periods, period],
      open: { ...state.open, [component]: state.periods.length },
    };
  }
  const targets = failedTargets
    ? [...new Set([...(current.failedTargets ?? []), ...failedTargets])]
    : undefined;
  return replacePeriod(state, index, {
    ...current,
    cause: withCause(current.cause, status),
    ...(targets ? { failedTargets: targets } : {}),
  });
}

function settleBacklog(state: OfflineAuditState, index: number): OfflineAuditState {
  const backlog = state.backlogs[index];
  const period = state.periods[index];
  if (!backlog || !period?.end || backlog.pending > 0 || !backlog.lastPrintedAt) return state;
  const after = Math.max(0, Date.parse(backlog.lastPrintedAt) - Date.parse(period.end));
  return replacePeriod(state, index, { ...period, backlogPrintedAfterMs: after });
}

function comeBack(state: OfflineAuditState, component: OfflineComponent, at: string): OfflineAuditState {
  const index = state.open[component];
  const period = index === undefined ? undefined : state.periods[index];
  if (index === undefined || !period) return state;
  const { [component]: _closed, ...open } = state.open;
  return settleBacklog({ ...replacePeriod(state, index, { ...period, end: at }), open }, index);
}

function receiveOrder(state: OfflineAuditState, orderId: string): OfflineAuditState {
  let next = state;
  for (const index of Object.values(state.open)) {
    const period = next.periods[index];
    if (period)
      next = replacePeriod(next, index, { ...period, ordersReceived: [...period.ordersReceived, orderId] });
  }
  return next;
}

function bufferJob(state: OfflineAuditState, jobId: string, printer: string): OfflineAuditState {
  const index = state.open[`printer:${printer}`];
  const period = index === undefined ? undefined : state.periods[index];
  if (index === undefined || !period || state.bufferedJobs[jobId] !== undefined) return state;
  const backlog = state.backlogs[index] ?? { pending: 0 };
  return {
    ...replacePeriod(state, index, { ...period, jobsBuffered: period.jobsBuffered + 1 }),
    bufferedJobs: { ...state.bufferedJobs, [jobId]: index },
    backlogs: { ...state.backlogs, [index]: { ...backlog, pending: backlog.pending + 1 } },
  };
}

function settleJob(state: OfflineAuditState, jobId: string, printedAt?: string): OfflineAuditState {
  const index = state.bufferedJobs[jobId];
  const backlog = index === undefined ? undefined : state.backlogs[index];
  if (index === undefined || !backlog) return state;
  const { [jobId]: _settled, ...bufferedJobs } = state.bufferedJobs;
  const lastPrintedAt = printedAt ?? backlog.lastPrintedAt;
  const next = { pending: backlog.pending - 1, ...(lastPrintedAt ? { lastPrintedAt } : {}) };
  return settleBacklog({ ...state, bufferedJobs, backlogs: { ...state.backlogs, [index]: next } }, index);
}

/**
 * The offline audit as a projection: folds the log into outage periods incrementally, so "what
 * happened while we were offline on Friday?" is answered from a view instead of a full replay.
 * A printer counts as down whenever it cannot print; `unknown` (not probed yet) opens or closes
 * nothing. A cancelled buffered job leaves the backlog without a print time.
 */
export function reduceOfflinePeriods(state: OfflineAuditState, event: AnyDomainEvent): OfflineAuditState {
  switch (event.type) {
    case 'PrinterStatusChanged': {
      const { printer, to } = event.data;
      if (to === 'unknown') return state;
      const component: OfflineComponent = `printer:${printer}`;
      return printableStatuses.includes(to)
        ? comeBack(state, component, event.recordedAt)
        : goDown(state, component, to, event.recordedAt);
    }
    case 'InternetStatusChanged': {
      const { to, failedTargets } = event.data;
      if (to === 'unknown') return state;
      return to === 'online'
        ? comeBack(state, 'internet', event.recordedAt)
        : goDown(state, 'internet', to, event.recordedAt, failedTargets);
    }
    case 'OrderReceived':
      return receiveOrder(state, event.data.order.id);
    case 'PrintJobQueued':
      return bufferJob(state, event.data.jobId, event.data.printer);
    case 'PrintJobPrinted':
      return settleJob(state, event.data.jobId, event.recordedAt);
    case 'PrintJobCancelled':
      return settleJob(state, event.data.jobId);
    default:
      return state;
  }
}
