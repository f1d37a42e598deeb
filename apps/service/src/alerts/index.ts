export type { AlertLog, PendingNotice } from './alert-log.ts';
export { alertEventTypes, initialAlertLog, reduceAlertLog } from './alert-log.ts';
export type {
  AlertChannel,
  AlertKind,
  AlertMailer,
  AlertNotice,
  AlertRules,
  AlertsSnapshot,
  AlertsState,
  OpenAlert,
} from './alert-types.ts';
export { alertKey, initialAlerts } from './alert-types.ts';
export type { AlertDecision } from './decide-alerts.ts';
export { decideAlerts } from './decide-alerts.ts';
export type { MailDoctorOptions, MailFinding } from './email-doctor.ts';
export { mailDoctorFindings } from './email-doctor.ts';
export type { AlertMail, MailContext } from './email-message.ts';
export { alertMail, testMail } from './email-message.ts';
export type { MailServerOptions } from './email-transport.ts';
export { alertMailerFor, checkMailServer, createAlertMailer, sendMailNow } from './email-transport.ts';
export type { PostAlertOptions, PostOutcome } from './post-alert.ts';
export { alertPayload, postAlert } from './post-alert.ts';
export type { AlertsOptions, RunningAlerts } from './start-alerts.ts';
export { startAlerts } from './start-alerts.ts';
