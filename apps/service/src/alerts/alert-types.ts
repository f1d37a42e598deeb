import type { ConnectivityView, EventDataByType, PrinterBacklog, UnreadableOrder } from '@bonrelay/domain';
import type { Config } from '../config/index.ts';
import type { PendingNotice } from './alert-log.ts';
import type { PostOutcome } from './post-alert.ts';

/** What an alert is about; spelled through the event so there is one list of kinds. */
export type AlertKind = EventDataByType['AlertRaised']['kind'];

/** Where a notice goes: the outgoing webhook or e-mail. */
export type AlertChannel = NonNullable<EventDataByType['AlertDelivered']['channel']>;

/** Which message about an alert goes out: that it began, or that it is over. */
export type AlertNotice = NonNullable<EventDataByType['AlertDelivered']['notice']>;

/** An open alert, as raised. */
export type OpenAlert = EventDataByType['AlertRaised'];

/**
 * The thresholds that decide when something is worth telling staff about, and how to say it: in
 * `locale`, with times in the restaurant's `timeZone` (ISO times without one).
 */
export type AlertRules = Pick<
  Config['alerts'],
  'printerOfflineAfterMs' | 'queueAgeThresholdMs' | 'paperNearEnd' | 'locale'
> & { readonly timeZone?: string };

/** The views the rules read, taken at one instant. */
export interface AlertsSnapshot {
  readonly connectivity: ConnectivityView;
  /** What waits for each printer (from the jobs table). */
  readonly backlog: readonly PrinterBacklog[];
  /** Orders Wix sent that could neither be read nor fetched; none when absent. */
  readonly unreadable?: readonly UnreadableOrder[];
  /** The Wix path's health; no verdict on it when absent. */
  readonly wix?: WixHealthSnapshot;
}

/** An open webhook gap and a clock beyond the skew threshold, each absent when all is well. */
export interface WixHealthSnapshot {
  readonly gap?: EventDataByType['WebhookDeliveryGap'];
  readonly skew?: EventDataByType['ClockSkew'];
}

/** Open alerts by `kind|subject`: at most one per kind and printer (or order). */
export interface AlertsState {
  readonly open: Readonly<Record<string, OpenAlert>>;
}

export const initialAlerts: AlertsState = { open: {} };

/** The key that keeps a second alert from opening while one is open for the same thing. */
export function alertKey(kind: AlertKind, subject: string): string {
  return `${kind}|${subject}`;
}

/** Sends one notice by mail as a typed outcome; `close` lets go of the SMTP connection. */
export interface AlertMailer {
  send(notice: PendingNotice): Promise<PostOutcome>;
  close(): void;
}
