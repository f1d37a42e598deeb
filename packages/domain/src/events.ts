import type { Order } from './order.ts';
import type {
  BreakerState,
  InternetStatus,
  PrintConfirmation,
  PrinterStatus,
  PrintFailure,
} from './status.ts';
import type { Priority, TicketKind } from './ticket.ts';

/**
 * Every fact bonrelay records. The log stores `{ type, data }`; this map is the single source of
 * truth for what `data` holds per `type`. Times are ISO 8601 strings from the injected clock.
 */
export interface EventDataByType {
  ServiceStarted: { version: string; configDigest: string };
  ServiceStopped: { reason: string };

  /** One accepted Wix delivery; its event id is the Wix webhook id, so a redelivery is a no-op. */
  WebhookReceived: {
    webhookId: string;
    eventType: string;
    instanceId?: string;
    orderId?: string;
    eventTime?: string;
  };
  /** Rejected deliveries, aggregated per reason per minute so a flood cannot fill the disk. */
  WebhookRejected: { reason: string; minute: string; count: number };

  /**
   * First sight of an order (event id `order-received:<orderId>`, so created + approved + a
   * reconciliation find make one). The daily ticket number is derived from log order by the orders view.
   */
  OrderReceived: { order: Order; customerId?: string };
  /** The order became APPROVED after it was received (event id `order-approved:<orderId>`). */
  OrderApproved: { orderId: string; order: Order; customerId?: string };
  OrderUpdated: { orderId: string; order: Order; customerId?: string };
  /**
   * The guest asked to be forgotten: their data key was destroyed, so the personal fields of their
   * orders now read as "[erased]". `customerId` is the pseudonym the order events carry when read
   * (an HMAC, never the email or phone itself); `orderIds` lets views erase without any key.
   */
  CustomerForgotten: { customerId: string; at: string; orderIds: string[] };
  OrderCanceled: { orderId: string; reason?: string };
  /**
   * A delivery provably signed by Wix whose layers or order could not be read (a field missing, a
   * shape Wix added). It is acknowledged all the same, since a refusal makes Wix retry for two days
   * while the order never prints. Event id `order-unreadable:<webhookId>`; stream `order-<orderId>`
   * when the delivery names its order, else `webhook-<webhookId>`. `body` is the raw request body
   * (the signed JWT), kept as evidence; it is sealed at rest because it holds the guest's details.
   */
  OrderUnreadable: {
    webhookId: string;
    eventType?: string;
    orderId?: string;
    reason: string;
    body: string;
  };
  /** The order behind an `OrderUnreadable` was fetched from the Wix API and read; `known`: we had it already. */
  OrderFetched: { orderId: string; webhookId: string; known: boolean };
  /** It could not be fetched (no API key, Wix unreachable, no such order, or still unreadable): staff must look. */
  OrderFetchFailed: { webhookId: string; orderId?: string; error: string };
  OrderPaymentStatusChanged: { orderId: string; paymentStatus: string };
  /** `unreadable`: orders Wix returned that could not be normalised (counted, not silently dropped). */
  ReconciliationCompleted: { from: string; to: string; found: number; appended: number; unreadable?: number };
  ReconciliationFailed: { from: string; error: string };

  PrintJobQueued: {
    jobId: string;
    orderId: string;
    ticket: TicketKind;
    printer: string;
    priority: Priority;
    reprint: boolean;
    /** A pre-order's ticket is held until then (slot start minus prep lead): it prints when the kitchen should start. */
    notBefore?: string;
    /** When the guest's pickup or delivery slot starts, for "prints 19:00 for 19:30". */
    slotStartsAt?: string;
  };
  PrintAttemptStarted: { jobId: string; printer: string; attempt: number };
  PrintAttemptFailed: {
    jobId: string;
    printer: string;
    attempt: number;
    failure: PrintFailure;
    detail?: string;
    /** Whether the attempt counts toward giving up (a printer that is simply off does not burn). */
    counted: boolean;
    nextAttemptAt: string;
    /** The printer took the job and never said whether it printed: the next try is marked POSSIBLE DUPLICATE. */
    possibleDuplicate?: true;
  };
  PrintJobPrinted: { jobId: string; printer: string; attempt: number; confirmation: PrintConfirmation };
  PrintJobGaveUp: { jobId: string; printer: string; attempts: number; lastFailure: PrintFailure };
  PrintJobRevived: { jobId: string };
  /** A job found `printing` at start (crash mid-print): it prints again, flagged as a possible duplicate. */
  PrintJobRequeued: { jobId: string; reason: 'crash-recovery' };
  PrintJobCancelled: { jobId: string; reason: string };
  PrinterBreakerChanged: { printer: string; from: BreakerState; to: BreakerState };
  /** A held pre-order ticket moved (the guest changed the slot in Wix), or a queued one became held. */
  PrintJobScheduled: { jobId: string; notBefore: string; slotStartsAt: string; reason: string };
  /** A held ticket may print now: its time came, a person pressed "print now", or the slot moved near. */
  PrintJobReleased: { jobId: string; reason: 'due' | 'print-now' | 'order-changed' };
  /**
   * A printer down (offline, paper end…) for `printing.fallbackAfterMs` with tickets waiting: from
   * now its waiting tickets print on `fallback`. `downSince`: when it went down.
   */
  PrinterFailedOver: { printer: string; fallback: string; downSince: string; waiting: number };
  /** The printer prints again: new tickets go to it again (those already moved stay on the fallback). */
  PrinterFailedBack: { printer: string; fallback: string };
  /**
   * A waiting ticket moved to the fallback printer. `possibleDuplicate`: an attempt on the first
   * printer reached it, so part of the ticket may already be on its paper.
   */
  PrintJobRerouted: { jobId: string; from: string; to: string; possibleDuplicate: boolean };

  PrinterStatusChanged: {
    printer: string;
    from: PrinterStatus;
    to: PrinterStatus;
    reason: string;
    latencyMs?: number;
  };
  InternetStatusChanged: { from: InternetStatus; to: InternetStatus; failedTargets: string[] };

  /**
   * Something staff should know about even when nobody looks at the dashboard. At most one alert is
   * open per kind + subject (a printer name); `AlertCleared` closes it.
   */
  AlertRaised: {
    alertId: string;
    kind: AlertKind;
    subject: string;
    message: string;
    raisedAt: string;
    /** The day's figures, on a `daily-summary` only. */
    summary?: DailySummary;
  };
  /**
   * A channel took the notice: the outgoing webhook when `channel` is absent, e-mail when it says so
   * (`notice` is `raised` when absent: both are the first shape of this event).
   */
  AlertDelivered: { alertId: string; attempt: number; notice?: AlertNotice; channel?: AlertChannel };
  /** One delivery attempt failed; `final` means no more attempts will be made for this notice. */
  AlertDeliveryFailed: {
    alertId: string;
    attempt: number;
    error: string;
    final: boolean;
    notice?: AlertNotice;
    nextAttemptAt?: string;
    channel?: AlertChannel;
  };
  /** The condition behind an open alert is over (the printer prints again, the queue moves). */
  AlertCleared: { alertId: string; kind: AlertKind; subject: string };

  /**
   * A periodic catch-up pass that changed something: orders Wix listed that we never had
   * (`appended`), approvals and cancellations made in Wix we had not heard of (`changed`). Passes
   * that find nothing are only counted. `cursor` is the highest `updatedDate` Wix showed (Wix's
   * time, not ours), where the next pass resumes after a restart.
   */
  WixCatchUpCompleted: {
    from: string;
    cursor: string;
    found: number;
    appended: number;
    changed: number;
    unreadable: number;
    /** Quiet passes since the last recorded one (they are not appended each). */
    quietPasses: number;
  };
  /** Catch-up found orders whose webhook did not arrive within `wix.webhookGraceMs`: Wix cannot reach us. */
  WebhookDeliveryGap: {
    orders: number;
    /** Absent on a gap that no missed order showed (a hub stream down past the grace). */
    oldestOrderId?: string;
    oldestUpdatedAt?: string;
    lastWebhookAt?: string;
    detectedAt: string;
    /** A hub-fed site's orders cannot come because the hub's order stream is down (since `hubDownSince`). */
    cause?: 'hub-unreachable';
    hubDownSince?: string;
  };
  /** A webhook arrived again after a gap: the public path works. */
  WebhookDeliveryRestored: { gapStartedAt: string; restoredAt: string; missedOrders: number };
  /** Our clock differs from Wix's by more than `wix.clockSkewAlertMs` (or came back within it: `offsetMs` small). */
  ClockSkew: { offsetMs: number; source: 'wix-api-date' | 'webhook-iat'; measuredAt: string };
  /**
   * The self-check through the public path (`<public url>/health`, the way Wix comes in) changed:
   * connectivity component `webhook-path`. Appended only on change, like the other monitors.
   */
  WebhookPathStatusChanged: { from: PublicPathStatus; to: PublicPathStatus; url: string; detail?: string };
}

/**
 * What an alert is about: a printer that cannot print, tickets waiting too long, paper running out,
 * an order that came from Wix but could not be read or fetched, Wix's webhooks not reaching the box,
 * and the day's summary (sent once, never open).
 */
export type AlertKind =
  | 'printer-offline'
  | 'queue-stale'
  | 'paper-near-end'
  | 'order-unreadable'
  | 'webhook-delivery-gap'
  | 'clock-skew'
  | 'daily-summary'
  /** At a hub: an order for a Wix instance no site registered (printed nowhere). */
  | 'order-unroutable'
  /** At a hub: a site's log refused (broken hash chain, replaced log) until it replicates fine again. */
  | 'replication-refused';

/** Whether this box answered through its public URL (`unknown` before the first check). */
export type PublicPathStatus = 'unknown' | 'reachable' | 'unreachable';

/** Where a notice goes: the outgoing webhook (also when absent, the first shape) or e-mail. */
export type AlertChannel = 'webhook' | 'email';

/**
 * What the owner reads at the end of a business day: orders, outages and the minutes they cost
 * (per printer and the internet), tickets staff had to reprint.
 */
export interface DailySummary {
  businessDay: string;
  orders: number;
  outages: number;
  minutesOffline: number;
  ticketsReprinted: number;
  offline: { component: string; outages: number; minutes: number }[];
}

/** Which message about an alert went out: that it began, or that it is over. */
export type AlertNotice = 'raised' | 'cleared';

export type EventType = keyof EventDataByType;

/** A domain event as the pure core sees it: type, data, and where it sits in the log. */
export interface DomainEvent<T extends EventType = EventType> {
  readonly type: T;
  readonly data: EventDataByType[T];
  /** Global log position (1-based, gap-free only within one append). */
  readonly position: number;
  /** ISO 8601 time the log recorded it. */
  readonly recordedAt: string;
  /** Its place in its own stream (1-based), for decisions that must not race a newer event. */
  readonly streamVersion?: number;
}

/** Any of the events, discriminated by `type` so a `switch` narrows `data`. */
export type AnyDomainEvent = { [T in EventType]: DomainEvent<T> }[EventType];

/** An event the core wants appended: the shell adds position and time. */
export interface EventToAppend<T extends EventType = EventType> {
  readonly id: string;
  readonly stream: string;
  readonly type: T;
  readonly data: EventDataByType[T];
}

/** Builds an event to append with its data checked against its type. */
export function eventToAppend<T extends EventType>(
  type: T,
  stream: string,
  id: string,
  data: EventDataByType[T],
): EventToAppend<T> {
  return { id, stream, type, data };
}

/** Stream names, so every component files the same fact under the same stream. */
export const streams = {
  order: (orderId: string) => `order-${orderId}`,
  webhook: (webhookId: string) => `webhook-${webhookId}`,
  printJob: (jobId: string) => `print-job-${jobId}`,
  printer: (name: string) => `printer-${name}`,
  internet: 'internet',
  service: 'service',
  reconciliation: 'reconciliation',
  alert: (alertId: string) => `alert-${alertId}`,
  webhookPath: 'webhook-path',
  clock: 'clock',
  publicPath: 'public-path',
} as const;
