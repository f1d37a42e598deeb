import type { AnyDomainEvent } from '../events.ts';
import { printableStatuses } from '../status.ts';
import type { OfflineAudit, OfflineComponent, OfflinePeriodRecord } from './offline-period.ts';

/** The job an event may buffer in, or settle out of, an outage's backlog. */
export function offlineJobOf(event: AnyDomainEvent): string | undefined {
  switch (event.type) {
    case 'PrintJobQueued':
    case 'PrintJobPrinted':
    case 'PrintJobCancelled':
      return event.data.jobId;
    default:
      return undefined;
  }
}

function withPeriod(audit: OfflineAudit, period: OfflinePeriodRecord): OfflineAudit {
  return { ...audit, periods: { ...audit.periods, [period.id]: period } };
}

function openPeriod(audit: OfflineAudit, component: OfflineComponent): OfflinePeriodRecord | undefined {
  const id = audit.open[component];
  return id === undefined ? undefined : audit.periods[id];
}

function withCause(cause: string, status: string): string {
  return cause.split(' → ').at(-1) === status ? cause : `${cause} → ${status}`;
}

function goDown(
  audit: OfflineAudit,
  component: OfflineComponent,
  status: string,
  event: AnyDomainEvent,
  failedTargets?: readonly string[],
): OfflineAudit {
  const current = openPeriod(audit, component);
  if (current === undefined) {
    const period: OfflinePeriodRecord = {
      id: event.position,
      component,
      start: event.recordedAt,
      cause: status,
      ...(failedTargets ? { failedTargets } : {}),
      ordersReceived: [],
      jobsBuffered: 0,
      backlogPending: 0,
    };
    return { ...withPeriod(audit, period), open: { ...audit.open, [component]: period.id } };
  }
  const cause = withCause(current.cause, status);
  const known = current.failedTargets ?? [];
  const targets = failedTargets ? [...new Set([...known, ...failedTargets])] : undefined;
  if (cause === current.cause && (targets === undefined || targets.length === known.length)) return audit;
  return withPeriod(audit, { ...current, cause, ...(targets ? { failedTargets: targets } : {}) });
}

function settleBacklog(period: OfflinePeriodRecord): OfflinePeriodRecord {
  const { end, backlogPending, backlogLastPrintedAt } = period;
  if (end === undefined || backlogPending > 0 || backlogLastPrintedAt === undefined) return period;
  return {
    ...period,
    backlogPrintedAfterMs: Math.max(0, Date.parse(backlogLastPrintedAt) - Date.parse(end)),
  };
}

function comeBack(audit: OfflineAudit, component: OfflineComponent, at: string): OfflineAudit {
  const period = openPeriod(audit, component);
  if (period === undefined) return audit;
  const { [component]: _closed, ...open } = audit.open;
  return { ...withPeriod(audit, settleBacklog({ ...period, end: at })), open };
}

function receiveOrder(audit: OfflineAudit, orderId: string): OfflineAudit {
  let next = audit;
  for (const id of Object.values(audit.open)) {
    const period = id === undefined ? undefined : next.periods[id];
    if (period) next = withPeriod(next, { ...period, ordersReceived: [...period.ordersReceived, orderId] });
  }
  return next;
}

function bufferJob(audit: OfflineAudit, jobId: string, printer: string): OfflineAudit {
  const period = openPeriod(audit, `printer:${printer}`);
  if (period === undefined || audit.bufferedJobs[jobId] !== undefined) return audit;
  return {
    ...withPeriod(audit, {
      ...period,
      jobsBuffered: period.jobsBuffered + 1,
      backlogPending: period.backlogPending + 1,
    }),
    bufferedJobs: { ...audit.bufferedJobs, [jobId]: period.id },
  };
}

function settleJob(audit: OfflineAudit, jobId: string, printedAt?: string): OfflineAudit {
  const id = audit.bufferedJobs[jobId];
  const period = id === undefined ? undefined : audit.periods[id];
  if (period === undefined) return audit;
  const { [jobId]: _settled, ...bufferedJobs } = audit.bufferedJobs;
  const lastPrintedAt = printedAt ?? period.backlogLastPrintedAt;
  const settled = settleBacklog({
    ...period,
    backlogPending: period.backlogPending - 1,
    ...(lastPrintedAt === undefined ? {} : { backlogLastPrintedAt: lastPrintedAt }),
  });
  return { ...withPeriod(audit, settled), bufferedJobs };
}

function failOver(audit: OfflineAudit, printer: string, fallback: string, at: string): OfflineAudit {
  const period = openPeriod(audit, `printer:${printer}`);
  if (period === undefined) return audit;
  const ticketsMoved = period.fallback?.ticketsMoved ?? 0;
  return withPeriod(audit, { ...period, fallback: { printer: fallback, failedOverAt: at, ticketsMoved } });
}

function moveTicket(audit: OfflineAudit, from: string): OfflineAudit {
  const period = openPeriod(audit, `printer:${from}`);
  if (period?.fallback === undefined) return audit;
  const fallback = { ...period.fallback, ticketsMoved: period.fallback.ticketsMoved + 1 };
  return withPeriod(audit, { ...period, fallback });
}

/**
 * The offline audit's one evolve: folds an event into the periods in hand. A printer counts as
 * down whenever it cannot print; `unknown` (not probed yet) opens or closes nothing. The webhook path
 * is down from the catch-up's `WebhookDeliveryGap` until a webhook arrives again. Orders count
 * toward every open outage, a job toward its printer's, and the backlog time is known once the
 * last job buffered during an outage has printed (a cancelled one leaves without a print time).
 * A fail-over is noted on its printer's open outage, with every ticket moved to the fallback.
 * Returns the same audit when the event changes nothing.
 */
export function evolveOfflineAudit(audit: OfflineAudit, event: AnyDomainEvent): OfflineAudit {
  switch (event.type) {
    case 'PrinterStatusChanged': {
      const { printer, to } = event.data;
      if (to === 'unknown') return audit;
      const component: OfflineComponent = `printer:${printer}`;
      return printableStatuses.includes(to)
        ? comeBack(audit, component, event.recordedAt)
        : goDown(audit, component, to, event);
    }
    case 'InternetStatusChanged': {
      const { to, failedTargets } = event.data;
      if (to === 'unknown') return audit;
      return to === 'online'
        ? comeBack(audit, 'internet', event.recordedAt)
        : goDown(audit, 'internet', to, event, failedTargets);
    }
    case 'WebhookDeliveryGap':
      // A hub-fed site's orders stop when the hub does, whatever Wix does: name the hub.
      return goDown(
        audit,
        'webhook-path',
        event.data.cause === 'hub-unreachable' ? 'hub unreachable' : 'webhooks not arriving',
        event,
      );
    case 'WebhookDeliveryRestored':
      return comeBack(audit, 'webhook-path', event.recordedAt);
    case 'OrderReceived':
      return receiveOrder(audit, event.data.order.id);
    case 'PrintJobQueued':
      return bufferJob(audit, event.data.jobId, event.data.printer);
    case 'PrintJobPrinted':
      return settleJob(audit, event.data.jobId, event.recordedAt);
    case 'PrintJobCancelled':
      return settleJob(audit, event.data.jobId);
    case 'PrinterFailedOver':
      return failOver(audit, event.data.printer, event.data.fallback, event.recordedAt);
    case 'PrintJobRerouted':
      return moveTicket(audit, event.data.from);
    default:
      return audit;
  }
}
