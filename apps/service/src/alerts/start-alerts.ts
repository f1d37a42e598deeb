import {
  type BusinessDayConfig,
  backoffCeiling,
  type EventToAppend,
  eventToAppend,
  streams,
  unreadableOrdersNeedingAttention,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { toDomainEvent } from '@bonrelay/views';
import { EMPTY, interval, merge, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Config } from '../config/index.ts';
import { oneAtATime } from '../one-at-a-time.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { UnreadableOrdersView } from '../unreadable/index.ts';
import {
  type AlertLog,
  alertEventTypes,
  initialAlertLog,
  type PendingNotice,
  reduceAlertLog,
} from './alert-log.ts';
import type { AlertChannel, AlertMailer, WixHealthSnapshot } from './alert-types.ts';
import { dailyFigures, dailySummaryAlert, summaryDue } from './daily-summary.ts';
import { decideAlerts } from './decide-alerts.ts';
import { type PostOutcome, postAlert } from './post-alert.ts';

export interface AlertsOptions {
  readonly config: Config['alerts'];
  readonly views: Pick<BonrelayViews, 'connectivity' | 'jobs' | 'tables' | 'days'>;
  /** Orders Wix sent that could neither be read nor fetched; each gets an alert of its own. */
  readonly unreadable?: Pick<UnreadableOrdersView, 'state' | 'changes$'>;
  /** The Wix path's health (webhook gap, clock skew); its changes trigger a look. */
  readonly wix?: { state(): WixHealthSnapshot; readonly changes$: Observable<unknown> };
  readonly store: EventStore;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  /** The restaurant's zone, so an alert says "since 19:40" rather than an ISO time. */
  readonly timeZone?: string;
  readonly fetch?: typeof fetch;
  /** The e-mail channel; without it alerts go by webhook only. */
  readonly mail?: AlertMailer;
  /** Where the restaurant's day ends; with it (and a channel to send by) each day ends with a summary. */
  readonly businessDay?: BusinessDayConfig;
  /** Told when recording an alert fact fails (the log is full or closed); the next check retries. */
  readonly onError?: (error: unknown) => void;
}

export interface RunningAlerts {
  /** Looks at the views now, outside the timer (after a manual connectivity check, say). */
  checkNow(): void;
  /** Stops checking, cancels waiting retries and abandons attempts in flight (a restart resumes them). */
  stop(): void;
}

/** One way notices reach staff, with its own record of what got through. */
interface Lane {
  readonly channel: AlertChannel;
  readonly send: (notice: PendingNotice) => Promise<PostOutcome>;
  readonly retries: Map<string, Subscription>;
  readonly inFlight: Set<string>;
}

const channels: readonly AlertChannel[] = ['webhook', 'email'];

/**
 * Watches the views for trouble staff must hear about, records each alert in the log and sends it
 * by webhook and by e-mail, each with backoff. It starts from what the log says, so a restart
 * neither repeats an open alert nor forgets a notice that had not got through on either channel.
 */
export function startAlerts(options: AlertsOptions): RunningAlerts {
  const { config, views, unreadable, store, scheduler, clock, businessDay } = options;
  const post = options.fetch ?? fetch;
  const abandon = new AbortController();
  const lanes: Lane[] = [];
  const { webhookUrl, webhookToken } = config;
  if (webhookUrl) {
    const send = (notice: PendingNotice) =>
      postAlert(notice, {
        url: webhookUrl,
        token: webhookToken,
        timeoutMs: config.deliveryTimeoutMs,
        locale: config.locale,
        scheduler,
        fetch: post,
        signal: abandon.signal,
      });
    lanes.push({ channel: 'webhook', send, retries: new Map(), inFlight: new Set() });
  }
  if (options.mail) {
    const mail = options.mail;
    lanes.push({
      channel: 'email',
      send: (notice) => mail.send(notice),
      retries: new Map(),
      inFlight: new Set(),
    });
  }
  const logs = { webhook: initialAlertLog, email: initialAlertLog } as Record<AlertChannel, AlertLog>;
  const fold = (event: ReturnType<typeof toDomainEvent>) => {
    for (const channel of channels) logs[channel] = reduceAlertLog(logs[channel], event, channel);
  };
  for (const event of store.read({ types: alertEventTypes })) fold(toDomainEvent(event));
  let logBegan: string | undefined;
  const firstFact = () => {
    logBegan ??= store.read({ limit: 1 })[0]?.recordedAt;
    return logBegan;
  };
  let stopped = false;

  const record = (events: readonly EventToAppend[]): boolean => {
    try {
      for (const event of store.append(events).appended) fold(toDomainEvent(event));
      return true;
    } catch (error) {
      options.onError?.(error);
      return false;
    }
  };

  const attempt = (lane: Lane, key: string) => {
    const notice = logs[lane.channel].pending[key];
    if (stopped || !notice || lane.inFlight.has(key) || lane.retries.has(key)) return;
    lane.inFlight.add(key);
    const number = notice.attempts + 1;
    const { alertId } = notice.alert;
    // The webhook's facts keep their first shape (no channel); other channels name themselves.
    const tag = lane.channel === 'webhook' ? {} : { channel: lane.channel };
    const prefix = lane.channel === 'webhook' ? '' : `${lane.channel}:`;
    void lane.send(notice).then((outcome) => {
      lane.inFlight.delete(key);
      if (stopped) return;
      const id = `${prefix}${alertId}:${notice.notice}:${number}`;
      if (outcome.ok) {
        record([
          eventToAppend('AlertDelivered', streams.alert(alertId), `alert-delivered:${id}`, {
            alertId,
            attempt: number,
            notice: notice.notice,
            ...tag,
          }),
        ]);
        return;
      }
      const final = number >= config.retry.maxAttempts;
      // One sender, one receiver: no crowd to spread out, so no jitter; staff can predict the next try.
      const delay = backoffCeiling(number, config.retry);
      const recorded = record([
        eventToAppend('AlertDeliveryFailed', streams.alert(alertId), `alert-delivery-failed:${id}`, {
          alertId,
          attempt: number,
          error: outcome.error,
          final,
          notice: notice.notice,
          ...(final ? {} : { nextAttemptAt: new Date(clock().getTime() + delay).toISOString() }),
          ...tag,
        }),
      ]);
      if (final || !recorded) return;
      lane.retries.set(
        key,
        scheduler.schedule(() => {
          lane.retries.delete(key);
          attempt(lane, key);
        }, delay),
      );
    });
  };

  const deliverPending = () => {
    for (const lane of lanes) for (const key of Object.keys(logs[lane.channel].pending)) attempt(lane, key);
  };

  const dueSummary = (now: Date) => {
    // Nobody to tell: a summary nobody reads is not worth a fact a day.
    if (!businessDay || lanes.length === 0) return [];
    const day = summaryDue(logs.webhook.lastSummary?.subject, now, businessDay, firstFact());
    return day === undefined
      ? []
      : [dailySummaryAlert(dailyFigures(views, day, businessDay, now), now, config.locale)];
  };

  const lookOnce = () => {
    if (stopped) return;
    const snapshot = {
      connectivity: views.connectivity.status(),
      backlog: views.jobs.backlog(),
      unreadable: unreadable ? unreadableOrdersNeedingAttention(unreadable.state()) : [],
      ...(options.wix ? { wix: options.wix.state() } : {}),
    };
    const now = clock();
    const rules = options.timeZone ? { ...config, timeZone: options.timeZone } : config;
    const decision = decideAlerts(logs.webhook.state, snapshot, now, rules);
    const raise = [...decision.raise, ...dueSummary(now)];
    if (raise.length + decision.clear.length === 0) return;
    const events = [
      ...raise.map((alert) =>
        eventToAppend('AlertRaised', streams.alert(alert.alertId), `alert-raised:${alert.alertId}`, alert),
      ),
      ...decision.clear.map(({ alertId, kind, subject }) =>
        eventToAppend('AlertCleared', streams.alert(alertId), `alert-cleared:${alertId}`, {
          alertId,
          kind,
          subject,
        }),
      ),
    ];
    if (record(events)) deliverPending();
  };
  // Appending moves the views, which call back here: finish this look first, then look once more.
  const looks = oneAtATime<void>(lookOnce, (error) => options.onError?.(error));
  const check = () => {
    if (looks.waiting() === 0) looks.take();
  };

  deliverPending();
  const subscription = merge(
    views.tables.committed$,
    unreadable?.changes$ ?? EMPTY,
    options.wix?.changes$ ?? EMPTY,
    interval(config.checkIntervalMs, scheduler),
  ).subscribe(check);

  return {
    checkNow: check,
    stop: () => {
      stopped = true;
      subscription.unsubscribe();
      for (const lane of lanes) for (const retry of lane.retries.values()) retry.unsubscribe();
      for (const lane of lanes) lane.retries.clear();
      abandon.abort();
      options.mail?.close();
    },
  };
}
