export type { AlertLog, PendingNotice } from './alert-log.ts';
export { alertEventTypes, initialAlertLog, reduceAlertLog } from './alert-log.ts';
export type {
  AlertKind,
  AlertNotice,
  AlertRules,
  AlertsSnapshot,
  AlertsState,
  OpenAlert,
} from './alert-types.ts';
export { alertKey, initialAlerts } from './alert-types.ts';
export type { AlertDecision } from './decide-alerts.ts';
export { decideAlerts } from './decide-alerts.ts';
export type { PostAlertOptions, PostOutcome } from './post-alert.ts';
export { alertPayload, postAlert } from './post-alert.ts';
export type { AlertsOptions, RunningAlerts } from './start-alerts.ts';
export { startAlerts } from './start-alerts.ts';
