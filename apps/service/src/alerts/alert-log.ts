import type { AnyDomainEvent } from '@bonrelay/domain';
import {
  type AlertChannel,
  type AlertNotice,
  type AlertsState,
  alertKey,
  initialAlerts,
  type OpenAlert,
} from './alert-types.ts';

/** A notice that has not reached the webhook yet, and how many attempts it has had. */
export interface PendingNotice {
  readonly notice: AlertNotice;
  readonly alert: OpenAlert;
  /** When the notice's fact happened: raised or cleared at. */
  readonly at: string;
  readonly attempts: number;
}

/** The alerts as the log tells them: which are open and which notices still wait for delivery. */
export interface AlertLog {
  readonly state: AlertsState;
  /** By `alertId|notice`. */
  readonly pending: Readonly<Record<string, PendingNotice>>;
  /** Alert ids whose raise notice got through, so a later "it is over" is worth sending. */
  readonly told: ReadonlySet<string>;
  readonly raised: Readonly<Record<string, OpenAlert>>;
  /** The newest business day summarised, so a day is summarised once. */
  readonly lastSummary?: OpenAlert;
}

/** The alert types the log fold reads. */
export const alertEventTypes = ['AlertRaised', 'AlertCleared', 'AlertDelivered', 'AlertDeliveryFailed'];

function settle(
  log: AlertLog,
  alertId: string,
  notice: AlertNotice,
  attempts: number,
  done: boolean,
): AlertLog {
  const key = `${alertId}|${notice}`;
  const pending = { ...log.pending };
  const current = pending[key];
  if (done) delete pending[key];
  else if (current) pending[key] = { ...current, attempts };
  if (!done || notice !== 'cleared') return { ...log, pending };
  const told = new Set(log.told);
  told.delete(alertId);
  return { ...log, pending, told };
}

/**
 * A day's summary is one message, never open and never cleared; only the newest is worth sending,
 * so a channel set up later (or down for days) does not flood staff with old days.
 */
function summaryRaised(log: AlertLog, summary: OpenAlert): AlertLog {
  const pending = { ...log.pending };
  if (log.lastSummary) delete pending[`${log.lastSummary.alertId}|raised`];
  pending[`${summary.alertId}|raised`] = {
    notice: 'raised',
    alert: summary,
    at: summary.raisedAt,
    attempts: 0,
  };
  return { ...log, pending, lastSummary: summary };
}

/** Whose deliveries an event records: the webhook's when it names no channel (the first shape). */
function channelOf(event: AnyDomainEvent): AlertChannel | undefined {
  if (event.type !== 'AlertDelivered' && event.type !== 'AlertDeliveryFailed') return undefined;
  return event.data.channel ?? 'webhook';
}

/**
 * Folds one alert event; the driver runs it over the log at start so a restart forgets nothing.
 * Each channel keeps its own fold: what got through by webhook says nothing about the mail.
 */
export function reduceAlertLog(
  log: AlertLog,
  event: AnyDomainEvent,
  channel: AlertChannel = 'webhook',
): AlertLog {
  const deliveredBy = channelOf(event);
  if (deliveredBy !== undefined && deliveredBy !== channel) return log;
  switch (event.type) {
    case 'AlertRaised': {
      const alert = event.data;
      if (alert.kind === 'daily-summary') return summaryRaised(log, alert);
      return {
        ...log,
        state: { open: { ...log.state.open, [alertKey(alert.kind, alert.subject)]: alert } },
        raised: { ...log.raised, [alert.alertId]: alert },
        pending: {
          ...log.pending,
          [`${alert.alertId}|raised`]: { notice: 'raised', alert, at: alert.raisedAt, attempts: 0 },
        },
      };
    }
    case 'AlertCleared': {
      const { alertId, kind, subject } = event.data;
      const { [alertKey(kind, subject)]: _over, ...open } = log.state.open;
      const { [alertId]: alert, ...raised } = log.raised;
      const pending = { ...log.pending };
      delete pending[`${alertId}|raised`];
      // Nobody heard it began: "it is over" would only confuse.
      if (alert && log.told.has(alertId)) {
        pending[`${alertId}|cleared`] = { notice: 'cleared', alert, at: event.recordedAt, attempts: 0 };
        return { ...log, state: { open }, raised, pending };
      }
      const told = new Set(log.told);
      told.delete(alertId);
      return { ...log, state: { open }, raised, pending, told };
    }
    case 'AlertDelivered': {
      const { alertId, attempt, notice = 'raised' } = event.data;
      const settled = settle(log, alertId, notice, attempt, true);
      if (notice !== 'raised') return settled;
      return { ...settled, told: new Set([...log.told, alertId]) };
    }
    case 'AlertDeliveryFailed': {
      const { alertId, attempt, final, notice = 'raised' } = event.data;
      return settle(log, alertId, notice, attempt, final);
    }
    default:
      return log;
  }
}

export const initialAlertLog: AlertLog = { state: initialAlerts, pending: {}, told: new Set(), raised: {} };
